// PATCH /api/v1/admin/approval-policies/{id} `{requires_approval?, enabled?}`: edits one policy row, audited
// `policy.update` with before/after; effective for the next request at once.
import { approvalPolicyIdParams, UpdateApprovalPolicyBody } from "@/lib/approvals/approval-policy-input";
import { updateApprovalPolicy } from "@/server/approvals/update-approval-policy";
import { defineRoute } from "@/server/auth/define-route";

export const PATCH = defineRoute(
  { permission: "policy.manage", params: approvalPolicyIdParams, body: UpdateApprovalPolicyBody },
  async ({ ctx, params, body, actor }) => updateApprovalPolicy(ctx, params.id, body, actor),
);
