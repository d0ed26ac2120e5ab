/**
 * Which operations need approval (SPEC §17.3–§17.4). V1 runs on the default matrix; rows in
 * `approval_policies` override it. CREATE_SYSTEM / CREATE_SERVICE are record-only and never ticketed, so they
 * are not operation types here.
 */
import type { Environment } from "@/lib/domain/environment";
import type { OperationType } from "./ticket-status";

/** Environment (of the request's namespace) × operation → requires approval. */
export const defaultApprovalMatrix: Readonly<Record<Environment, Readonly<Record<OperationType, boolean>>>> =
  {
    test: {
      CREATE_VM: true,
      MODIFY_VM: true,
      DELETE_VM: true,
      START_VM: false,
      STOP_VM: false,
      RESTART_VM: false,
      VNC_ACCESS: false,
      PAUSE_VM: false,
      UNPAUSE_VM: false,
      MIGRATE_VM: false,
      CANCEL_MIGRATION: false,
      CREATE_SNAPSHOT: false,
      DELETE_SNAPSHOT: false,
    },
    prod: {
      CREATE_VM: true,
      MODIFY_VM: true,
      DELETE_VM: true,
      START_VM: true,
      STOP_VM: true,
      RESTART_VM: true,
      VNC_ACCESS: true,
      PAUSE_VM: false,
      UNPAUSE_VM: false,
      MIGRATE_VM: false,
      CANCEL_MIGRATION: false,
      CREATE_SNAPSHOT: false,
      DELETE_SNAPSHOT: false,
    },
  };

export type PolicyEnvironment = Environment | "all";

/** The fields of an `approval_policies` row the decision needs; DB rows fit structurally. */
export interface ApprovalPolicy {
  environment: PolicyEnvironment;
  operation: OperationType;
  requiresApproval: boolean;
  /** Higher wins. */
  priority: number;
  enabled: boolean;
}

/** The matrix as policy rows at priority 0, for seeding `approval_policies`. */
export const defaultApprovalPolicies: readonly ApprovalPolicy[] = Object.entries(
  defaultApprovalMatrix,
).flatMap(([environment, operations]) =>
  Object.entries(operations).map(([operation, requiresApproval]) => ({
    environment: environment as Environment,
    operation: operation as OperationType,
    requiresApproval,
    priority: 0,
    enabled: true,
  })),
);

/**
 * Picks the enabled policy for (environment, operation) with the highest priority ("all" matches every
 * environment). Ties go to the environment-specific policy, then to the one that requires approval — when
 * two rules are equally strong, the safer one wins. With no matching policy, the default matrix decides.
 */
export function requiresApproval(
  policies: readonly ApprovalPolicy[],
  environment: Environment,
  operation: OperationType,
): boolean {
  return (
    winningPolicy(policies, environment, operation)?.requiresApproval ??
    defaultApprovalMatrix[environment][operation]
  );
}

/** The enabled policy `requiresApproval` follows for (environment, operation); undefined: the default matrix. */
export function winningPolicy<P extends ApprovalPolicy>(
  policies: readonly P[],
  environment: Environment,
  operation: OperationType,
): P | undefined {
  let best: P | undefined;
  for (const policy of policies) {
    if (!policy.enabled || policy.operation !== operation) continue;
    if (policy.environment !== environment && policy.environment !== "all") continue;
    if (best === undefined || outranks(policy, best)) best = policy;
  }
  return best;
}

function outranks(a: ApprovalPolicy, b: ApprovalPolicy): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  const aSpecific = a.environment !== "all";
  const bSpecific = b.environment !== "all";
  if (aSpecific !== bSpecific) return aSpecific;
  return a.requiresApproval && !b.requiresApproval;
}
