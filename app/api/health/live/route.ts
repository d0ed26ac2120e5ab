// Liveness: the web process answers. PUBLIC on purpose (probes carry no session; on the authorization
// matrix's allow-list); touches nothing else.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
