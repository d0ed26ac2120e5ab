// `PATCH /api/v1/admin/approval-policies/{id}` `{requires_approval?, enabled?}`: changes one policy row,
// audited `policy.update` with the before and after of what changed, in the same transaction. The next VM
// operation reads the table (server/vms/load-vm-facts.ts), so the change applies at once, without a restart.
// A request that changes nothing writes nothing.
import "server-only";
import type { UpdateApprovalPolicyBody } from "@/lib/approvals/approval-policy-input";
import type { ApprovalPolicyView } from "@/lib/approvals/approval-policy-views";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";
import { approvalPolicyView } from "./approval-policy-matrix";

type Fields = { requires_approval: boolean; enabled: boolean };

export async function updateApprovalPolicy(
  deps: { prisma: PrismaClient; log: Pick<Logger, "info"> },
  id: string,
  body: UpdateApprovalPolicyBody,
  actor: AuditActor,
): Promise<ApprovalPolicyView> {
  return deps.prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM approval_policies WHERE id = ${id} FOR UPDATE`;
    if (!locked) throw new AppError("POLICY_NOT_FOUND", { id });
    const row = await tx.approvalPolicy.findUniqueOrThrow({ where: { id } });
    const current: Fields = { requires_approval: row.requiresApproval, enabled: row.enabled };
    const before: Partial<Fields> = {};
    const after: Partial<Fields> = {};
    for (const key of ["requires_approval", "enabled"] as const) {
      const value = body[key];
      if (value === undefined || value === current[key]) continue;
      before[key] = current[key];
      after[key] = value;
    }
    if (Object.keys(after).length === 0) return approvalPolicyView(row);
    const updated = await tx.approvalPolicy.update({
      where: { id },
      data: {
        ...(after.requires_approval !== undefined ? { requiresApproval: after.requires_approval } : {}),
        ...(after.enabled !== undefined ? { enabled: after.enabled } : {}),
      },
    });
    await recordAudit(tx, {
      action: "policy.update",
      actor,
      resource: { type: "approval_policy", id, name: row.name },
      environment: row.environment,
      details: { operation: row.operation, before, after },
    });
    deps.log.info({ policy: id, change: after }, "approval policy updated");
    return approvalPolicyView(updated);
  });
}
