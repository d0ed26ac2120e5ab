// GET /api/v1/admin/approval-policies: the policy matrix (every operation × test/prod), each cell with the row
// that decides it and the effective answer (SPEC §17.3–§17.4).

import { approvalPolicyMatrix } from "@/server/approvals/approval-policy-matrix";
import { defineRoute } from "@/server/auth/define-route";

export const GET = defineRoute({ permission: "policy.manage" }, async ({ ctx }) =>
  approvalPolicyMatrix(ctx.prisma),
);
