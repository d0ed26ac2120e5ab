/**
 * JSON shapes of the VM detail, VM operations and tasks (issue 12): what `GET /api/v1/vms/{id}`,
 * `POST /api/v1/vms/{id}/{action}` and `GET /api/v1/tasks/{id}` answer, and what the VM page renders. Field
 * names are snake_case (SPEC §21); times are ISO 8601 strings.
 */
import type { EventStatus, OperationType, TicketStatus } from "@/lib/approvals/ticket-status";
import type { Environment } from "@/lib/domain/environment";
import type { VMStatus } from "@/lib/domain/vm";
import type { ErrorCode } from "@/lib/errors/codes";
import type { VmAction } from "./vm-actions";
import type { VmIdentity } from "./vm-list-view";

/** An error as a code and its params, for the UI to translate (`errors.<code>`). */
export interface CodedError {
  code: ErrorCode;
  params: Record<string, unknown>;
}

/** 202 answer of a verb that runs at once: the task to follow. */
export interface VmTaskAccepted {
  task_id: string;
  status: "PROCESSING";
}

/** 202 answer of a verb that needs approval: the ticket it became. */
export interface VmTicketAccepted {
  ticket_id: string;
  event_id: string;
  status: "PENDING_APPROVAL";
}

export type VmActionAccepted = VmTaskAccepted | VmTicketAccepted;

/** What the server says about one verb on this VM right now. */
export interface VmActionState {
  /** True when the verb may be requested now. */
  allowed: boolean;
  /** True when it would become a ticket ("Request stop") rather than run at once ("Stop"). */
  requires_approval: boolean;
  /** Why it is not allowed (a state the VM is in, a missing capability, a pending request …); null when allowed. */
  reason: CodedError | null;
}

/** One VM operation (a domain event) and its outcome. */
export interface TaskView {
  id: string;
  vm_id: string;
  action: VmAction;
  operation: OperationType;
  status: EventStatus;
  /** Set when FAILED. */
  error: CodedError | null;
  requested_by: string;
  /** The ticket, when the operation went through approval. */
  ticket_id: string | null;
  created_at: string;
  /** When it reached COMPLETED or FAILED. */
  finished_at: string | null;
}

export interface TicketSummary {
  id: string;
  operation: OperationType;
  status: TicketStatus;
  requester: string;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface VmCondition {
  /** "VirtualMachine" or "VirtualMachineInstance". */
  source: "vm" | "vmi";
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  last_transition_time: string | null;
}

export interface VmSnapshotView {
  name: string;
  status: string;
  ready_to_use: boolean;
  created_at: string | null;
  error_message: string | null;
}

export interface VmRestoreView {
  name: string;
  snapshot_name: string;
  status: string;
  complete: boolean;
  created_at: string | null;
  error_message: string | null;
}

export interface VmCloneView {
  name: string;
  source_kind: "VM" | "snapshot";
  source_name: string;
  target_name: string | null;
  status: string;
  created_at: string | null;
}

export interface VmMigrationView {
  name: string;
  phase: string;
  source_node: string | null;
  target_node: string | null;
  created_at: string | null;
  completed_at: string | null;
  error_message: string | null;
}

/** A Kubernetes Event about the VM or one of its objects (VMI, migration, snapshot, restore, clone). */
export interface VmEventView {
  type: "Normal" | "Warning" | string;
  reason: string;
  /** English, from the cluster; shown as-is. */
  message: string;
  object_kind: string;
  object_name: string;
  count: number;
  last_seen: string | null;
}

export interface VmGovernanceView {
  system: string;
  service: string;
  service_id: string;
  instance: string | null;
  ticket_id: string | null;
  created_by: string | null;
}

export interface VmDetail extends VmIdentity {
  /** The namespace's registered environment, else the cluster's: what the approval policy uses. */
  environment: Environment;
  status: VMStatus;
  /** KubeVirt's printableStatus, verbatim. */
  raw_status: string | null;
  status_reason: string | null;
  status_message: string | null;
  run_strategy: string | null;
  conditions: VmCondition[];
  ip_addresses: string[];
  node: string | null;
  guest_os: { name: string | null; version: string | null; kernel: string | null } | null;
  /** The VMI's AgentConnected condition; null when the VM has no instance. */
  agent_connected: boolean | null;
  cpu: number;
  memory_mb: number;
  instance_type: { kind: string; name: string } | null;
  preference: { kind: string; name: string } | null;
  labels: Record<string, string>;
  governance: VmGovernanceView | null;
  created_at: string | null;
  snapshots: VmSnapshotView[];
  restores: VmRestoreView[];
  clones: VmCloneView[];
  migrations: VmMigrationView[];
  /** Newest first, at most 50. */
  events: VmEventView[];
  /** Newest first, at most 20 each. */
  tickets: TicketSummary[];
  tasks: TaskView[];
  cache: { status: "FRESH" | "STALE" | "REBUILDING"; last_synced_at: string | null };
  /** Every verb, with whether it is allowed now and whether it needs approval. Empty when not governed. */
  actions: Partial<Record<VmAction, VmActionState>>;
}

/** One of the caller's requests (tickets), as "My requests" lists them (`GET /api/v1/requests`). */
export interface RequestListItem extends TicketSummary {
  /** Null for a request that is not about an existing VM (a new VM, issue 14). */
  vm_id: string | null;
  vm_name: string | null;
  namespace: string | null;
  cluster_name: string | null;
  /** The verb that was requested; null for requests that are not a VM verb. */
  action: VmAction | null;
  /** The task (domain event) behind the ticket, with its outcome once executed. */
  task: TaskView | null;
  /** True while PENDING_APPROVAL and the caller is the requester. */
  can_cancel: boolean;
}
