// The "self-service systems" setting (default off): when on, every signed-in user may create a system and
// services within the systems they can see, becoming a member of each service they create. Stored in
// `settings` under one key; changed by an admin (`PUT /api/v1/admin/settings/self-service-systems`), audited
// as `config.update` with before and after. Setting it to what it already is writes nothing.
import "server-only";
import type { SelfServiceSettingView } from "@/lib/systems/system-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";

export const SELF_SERVICE_SYSTEMS_KEY = "self-service-systems";

type SettingsReader = Pick<Prisma.TransactionClient, "setting">;

export async function readSelfServiceSetting(db: SettingsReader): Promise<SelfServiceSettingView> {
  const row = await db.setting.findUnique({ where: { key: SELF_SERVICE_SYSTEMS_KEY } });
  return {
    enabled: row?.value === true,
    updated_by: row?.updatedBy ?? null,
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}

export async function setSelfServiceSetting(
  prisma: PrismaClient,
  enabled: boolean,
  actor: AuditActor,
): Promise<SelfServiceSettingView> {
  return prisma.$transaction(async (tx) => {
    // Serializes two admins toggling at once, so each audit record's "before" is what it replaced.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${SELF_SERVICE_SYSTEMS_KEY}))`;
    const before = await readSelfServiceSetting(tx);
    if (before.enabled === enabled) return before;
    await tx.setting.upsert({
      where: { key: SELF_SERVICE_SYSTEMS_KEY },
      create: { key: SELF_SERVICE_SYSTEMS_KEY, value: enabled, updatedBy: actor.name ?? actor.id },
      update: { value: enabled, updatedBy: actor.name ?? actor.id },
    });
    await recordAudit(tx, {
      action: "config.update",
      actor,
      resource: { type: "setting", id: SELF_SERVICE_SYSTEMS_KEY, name: SELF_SERVICE_SYSTEMS_KEY },
      details: { before: { enabled: before.enabled }, after: { enabled } },
    });
    return readSelfServiceSetting(tx);
  });
}
