// Request shapes of `/api/v1/admin/approval-policies/{id}`: the two fields an admin changes per cell.
import { z } from "zod";

export const approvalPolicyIdParams = z.object({ id: z.string().min(1).max(100) });

export const UpdateApprovalPolicyBody = z
  .object({ requires_approval: z.boolean().optional(), enabled: z.boolean().optional() })
  .strict();
export type UpdateApprovalPolicyBody = z.output<typeof UpdateApprovalPolicyBody>;
