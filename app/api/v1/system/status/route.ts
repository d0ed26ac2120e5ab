// The home page's live status. Public until authentication lands (later issue): it reveals only whether
// the database and a worker are up.
import { getSystemStatus } from "@/server/system/system-status";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await getSystemStatus(), { headers: { "Cache-Control": "no-store" } });
}
