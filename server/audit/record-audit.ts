// Writes one audit record (SPEC §18.3, §19). Call it inside the transaction of the change it records, so the
// record exists exactly when the change does. Details are redacted here, whatever the caller passed.
import "server-only";
import { redactDetails } from "@/lib/audit/redact";
import type { Prisma } from "../db/generated/prisma/client";

/** Who did it. System actors (the launcher, the worker) use ids like "system:demo". */
export interface AuditActor {
  id: string;
  name?: string;
  ip?: string;
  userAgent?: string;
}

export interface AuditEntry {
  /** `{domain}.{action}`, e.g. `cluster.register` (SPEC §19). */
  action: string;
  actor: AuditActor;
  resource: { type: string; id: string; name?: string };
  environment?: string;
  details?: Record<string, unknown>;
  outcome?: "success" | "failure";
  correlationId?: string;
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      action: entry.action,
      actorId: entry.actor.id,
      actorName: entry.actor.name ?? null,
      ipAddress: entry.actor.ip ?? null,
      userAgent: entry.actor.userAgent ?? null,
      resourceType: entry.resource.type,
      resourceId: entry.resource.id,
      resourceName: entry.resource.name ?? null,
      environment: entry.environment ?? null,
      details:
        entry.details === undefined ? undefined : (redactDetails(entry.details) as Prisma.InputJsonValue),
      outcome: entry.outcome ?? "success",
      correlationId: entry.correlationId ?? null,
    },
  });
}
