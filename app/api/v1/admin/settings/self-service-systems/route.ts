// GET /api/v1/admin/settings/self-service-systems: `{enabled, updated_by, updated_at}`. PUT `{enabled}`: turn
// "self-service systems" on or off (audited `config.update`).
import { SelfServiceSettingBody } from "@/lib/systems/system-input";
import { defineRoute } from "@/server/auth/define-route";
import { readSelfServiceSetting, setSelfServiceSetting } from "@/server/systems/self-service-setting";

export const GET = defineRoute({ permission: "settings.manage" }, async ({ ctx }) =>
  readSelfServiceSetting(ctx.prisma),
);

export const PUT = defineRoute(
  { permission: "settings.manage", body: SelfServiceSettingBody },
  async ({ ctx, body, actor }) => setSelfServiceSetting(ctx.prisma, body.enabled, actor),
);
