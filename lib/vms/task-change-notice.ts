/**
 * The notice sent (NOTIFY `shepherd_tasks_changed`) when a VM operation was requested, decided, or reached an
 * outcome, and relayed to browsers over SSE as event `task` to those who may see the VM:
 * `{"task_id":"<event id>","vm_id":"<vms.id>"}`. No data: whoever shows the task or the VM re-queries it.
 * One parser for every end.
 */
export const TASKS_CHANGED_CHANNEL = "shepherd_tasks_changed";

export interface TaskChangeNotice {
  task_id: string;
  vm_id: string;
}

/** Parses a notice payload (JSON text); undefined when it is not one. */
export function parseTaskChangeNotice(payload: unknown): TaskChangeNotice | undefined {
  if (typeof payload !== "string") return undefined;
  try {
    const v: unknown = JSON.parse(payload);
    if (typeof v !== "object" || v === null) return undefined;
    const { task_id, vm_id } = v as Record<string, unknown>;
    if (typeof task_id !== "string" || task_id === "" || typeof vm_id !== "string" || vm_id === "")
      return undefined;
    return { task_id, vm_id };
  } catch {
    return undefined;
  }
}
