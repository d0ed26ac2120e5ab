"use server";

// The VM pages' server actions: the same use cases as the /api/v1 routes (server/vms), refusals as codes.
import { z } from "zod";
import { VM_ACTION_INPUT, VM_ACTIONS } from "@/lib/vms/vm-actions";
import { defineAction } from "@/server/auth/define-action";
import { cancelRequest } from "@/server/vms/cancel-request";
import { getTask } from "@/server/vms/get-task";
import { getVmDetail } from "@/server/vms/get-vm-detail";
import { VM_ACTION_USE_CASES } from "@/server/vms/vm-action-use-cases";

const id = z.string().min(1).max(64);

/** `{vm_id, action, input}`: `input` is the verb's body (VM_ACTION_INPUT[action]). */
const VmActionRequest = z
  .object({ vm_id: id, action: z.enum(VM_ACTIONS), input: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .transform((v, ctx) => {
    const parsed = VM_ACTION_INPUT[v.action].safeParse(v.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["input", ...issue.path] });
      return z.NEVER;
    }
    return { ...v, input: parsed.data };
  });

/** Request a verb on a VM: `{ok: true, data: {task_id} | {ticket_id, event_id}}` or the refusal's code. */
export const requestVmActionAction = defineAction(
  { permission: "vm.operate", input: VmActionRequest },
  async ({ vm_id, action, input }, { ctx, user, actor }) => {
    // The use case and the body schema are both looked up by this verb, so they match; TypeScript cannot
    // correlate the two lookups, hence the casts.
    const useCase = VM_ACTION_USE_CASES[action] as (typeof VM_ACTION_USE_CASES)["start"];
    return useCase(ctx, {
      user,
      actor,
      vmId: vm_id,
      input: input as never,
    });
  },
);

/** Withdraw one's own pending request. */
export const cancelRequestAction = defineAction(
  { permission: "ticket.request", input: z.object({ ticket_id: id }).strict() },
  async ({ ticket_id }, { ctx, user, actor }) => {
    await cancelRequest(ctx, user, actor, ticket_id);
    return null;
  },
);

/** The VM detail again (after a notice), for a client component that follows the VM live. */
export const getVmDetailAction = defineAction(
  { permission: "vm.read", input: z.object({ vm_id: id }).strict() },
  ({ vm_id }, { ctx, user }) => getVmDetail(ctx, user, vm_id),
);

/** One task's status, for a client component that follows a task it started. */
export const getTaskAction = defineAction(
  { permission: "vm.read", input: z.object({ task_id: id }).strict() },
  ({ task_id }, { ctx, user }) => getTask(ctx, user, task_id),
);
