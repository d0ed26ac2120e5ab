// The home page's live status: whether the database and a worker are up. Signed-in users only.
import { defineRoute } from "@/server/auth/define-route";
import { getSystemStatus } from "@/server/system/system-status";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ permission: "system.status.read" }, ({ ctx }) => getSystemStatus(ctx));
