/**
 * JSON shapes of `/api/v1/admin/approval-policies` (SPEC §17.3–§17.4, issue 13): the matrix of every operation
 * × test/prod, each cell with the row that decides it, and the row an edit returns.
 */
import type { OperationType } from "./ticket-status";

export const POLICY_MATRIX_ENVIRONMENTS = ["test", "prod"] as const;
export type PolicyMatrixEnvironment = (typeof POLICY_MATRIX_ENVIRONMENTS)[number];

export interface ApprovalPolicyView {
  id: string;
  name: string;
  environment: "test" | "prod" | "all";
  operation: OperationType;
  requires_approval: boolean;
  enabled: boolean;
  priority: number;
  updated_at: string;
}

export interface ApprovalPolicyCellView {
  operation: OperationType;
  environment: PolicyMatrixEnvironment;
  /**
   * The row of this cell: the enabled row that decides it, else (all disabled) the highest-priority row of
   * exactly this environment, so it can be enabled again; null when no row names the cell.
   */
  policy: ApprovalPolicyView | null;
  /** What a request in this cell gets now. */
  requires_approval: boolean;
  /** "policy": an enabled row decides; "default": none does and the built-in default matrix applies. */
  source: "policy" | "default";
}

export interface ApprovalPolicyMatrixView {
  operations: OperationType[];
  environments: PolicyMatrixEnvironment[];
  /** Operation-major: every operation × every environment, in the order of the two lists above. */
  cells: ApprovalPolicyCellView[];
}
