// Query keys, fetcher and the one mutation of the approval policies page (`/api/v1/admin/approval-policies`).
import { queryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { ApprovalPolicyMatrixView, ApprovalPolicyView } from "@/lib/approvals/approval-policy-views";

export const policyKeys = {
  all: ["admin-approval-policies"] as const,
  matrix: () => [...policyKeys.all, "matrix"] as const,
};

const base = "/api/v1/admin/approval-policies";

export function policyMatrixQueryOptions() {
  return queryOptions({
    queryKey: policyKeys.matrix(),
    queryFn: ({ signal }) => requestJson<ApprovalPolicyMatrixView>("GET", base, undefined, signal),
  });
}

export interface UpdatePolicyRequest {
  requires_approval?: boolean;
  enabled?: boolean;
}

export function updateApprovalPolicy(id: string, change: UpdatePolicyRequest): Promise<ApprovalPolicyView> {
  return requestJson("PATCH", `${base}/${encodeURIComponent(id)}`, change);
}
