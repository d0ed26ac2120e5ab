// Liveness: the web process answers. Public on purpose (probes carry no session); touches nothing else.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
