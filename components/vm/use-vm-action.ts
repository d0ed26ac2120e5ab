"use client";

// Sends a verb for one VM and remembers what came of it, for the page to show: the task to follow (it ran at
// once), the ticket it became (it needs approval), or the server's refusal. The VM's detail and the caller's
// requests are refetched on an answer; the task's progress arrives through task notices (TaskProgress).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { VmAction, VmActionInput } from "@/lib/vms/vm-actions";
import { requestKeys, runVmAction, vmKeys } from "./queries";

export type VmActionOutcome =
  | { kind: "task"; action: VmAction; taskId: string }
  | { kind: "ticket"; action: VmAction; ticketId: string }
  | { kind: "refused"; action: VmAction; error: unknown };

interface Variables {
  action: VmAction;
  input: VmActionInput<VmAction>;
}

export function useVmAction(vmId: string) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<VmActionOutcome>();
  const mutation = useMutation({
    mutationKey: [...vmKeys.detail(vmId), "action"],
    mutationFn: ({ action, input }: Variables) => runVmAction(vmId, action, input),
    onMutate: () => setOutcome(undefined),
    onSuccess: (answer, { action }) => {
      setOutcome(
        "task_id" in answer
          ? { kind: "task", action, taskId: answer.task_id }
          : { kind: "ticket", action, ticketId: answer.ticket_id },
      );
      void queryClient.invalidateQueries({ queryKey: vmKeys.detail(vmId) });
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
    },
    onError: (error, { action }) => {
      setOutcome({ kind: "refused", action, error });
      // The refusal may come from a state the page does not show yet.
      void queryClient.invalidateQueries({ queryKey: vmKeys.detail(vmId) });
    },
  });
  const { mutateAsync } = mutation;

  /** Sends the verb; resolves when the server answered (a refusal is reported through `outcome`). */
  const run = useCallback(
    async <A extends VmAction>(action: A, input: VmActionInput<A>): Promise<void> => {
      await mutateAsync({ action, input }).catch(() => undefined);
    },
    [mutateAsync],
  );

  return {
    run,
    /** The verb being sent right now. */
    sending: mutation.isPending ? mutation.variables?.action : undefined,
    outcome,
    dismiss: () => setOutcome(undefined),
  };
}
