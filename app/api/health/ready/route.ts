// Readiness: can this web process serve, i.e. reach the database. PUBLIC on purpose (probes carry no
// session; on the authorization matrix's allow-list).
// The worker's state is reported but does not fail readiness: a web process without a worker
// still serves pages.
import { getSystemStatus } from "@/server/system/system-status";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function GET() {
  const status = await getSystemStatus(getWebContext());
  const ready = status.database.ok;
  return Response.json(
    {
      status: ready ? "ok" : "degraded",
      checks: { database: status.database, worker: status.worker },
    },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
