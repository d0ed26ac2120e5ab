// `GET /api/v1/admin/approval-policies`: every operation × test/prod, each cell the row that decides it and
// the effective answer — the same decision the VM operations use case takes (winningPolicy/requiresApproval).
import "server-only";
import {
  type ApprovalPolicyCellView,
  type ApprovalPolicyMatrixView,
  type ApprovalPolicyView,
  POLICY_MATRIX_ENVIRONMENTS,
} from "@/lib/approvals/approval-policy-views";
import { type ApprovalPolicy, defaultApprovalMatrix, winningPolicy } from "@/lib/approvals/default-policies";
import { OperationType } from "@/lib/approvals/ticket-status";
import type { PrismaClient } from "../db/prisma";

type Row = Awaited<ReturnType<PrismaClient["approvalPolicy"]["findMany"]>>[number];

export function approvalPolicyView(row: Row): ApprovalPolicyView {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    operation: row.operation,
    requires_approval: row.requiresApproval,
    enabled: row.enabled,
    priority: row.priority,
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function approvalPolicyMatrix(
  prisma: Pick<PrismaClient, "approvalPolicy">,
): Promise<ApprovalPolicyMatrixView> {
  const rows = await prisma.approvalPolicy.findMany({ orderBy: [{ priority: "desc" }, { name: "asc" }] });
  const policies = rows as (Row & ApprovalPolicy)[];
  const operations = Object.values(OperationType);
  const cells: ApprovalPolicyCellView[] = [];
  for (const operation of operations) {
    for (const environment of POLICY_MATRIX_ENVIRONMENTS) {
      const winner = winningPolicy(policies, environment, operation);
      // Rows are sorted by priority, so the first match is the strongest disabled one.
      const row =
        winner ?? policies.find((p) => p.operation === operation && p.environment === environment) ?? null;
      cells.push({
        operation,
        environment,
        policy: row ? approvalPolicyView(row) : null,
        requires_approval: winner?.requiresApproval ?? defaultApprovalMatrix[environment][operation],
        source: winner ? "policy" : "default",
      });
    }
  }
  return { operations, environments: [...POLICY_MATRIX_ENVIRONMENTS], cells };
}
