/**
 * The route handler of one verb (`POST /api/v1/vms/{id}/{verb}`): permission `vm.operate`, the verb's body
 * (VM_ACTION_INPUT), its use case, and 202 Accepted with the task or ticket (SPEC §21). Each verb's route.ts
 * is one line over this, so the authorization matrix sees one file per verb.
 */
import "server-only";
import { z } from "zod";
import { VM_ACTION_INPUT, type VmAction } from "@/lib/vms/vm-actions";
import { defineRoute } from "../auth/define-route";
import { VM_ACTION_USE_CASES } from "./vm-action-use-cases";

/** An id in the path (a `vms.id`, task id or ticket id). */
export const IdParams = z.object({ id: z.string().min(1).max(64) });

export function vmActionRoute<A extends VmAction>(action: A) {
  return defineRoute(
    { permission: "vm.operate", params: IdParams, body: VM_ACTION_INPUT[action] },
    async ({ ctx, user, actor, params, body, requestId }) => {
      // The use case and the body schema are both looked up by this verb, so they match; TypeScript cannot
      // correlate the two lookups, hence the casts.
      const useCase = VM_ACTION_USE_CASES[action] as (typeof VM_ACTION_USE_CASES)["start"];
      const accepted = await useCase(ctx, {
        user,
        actor,
        vmId: params.id,
        input: body as never,
      });
      return Response.json(accepted, {
        status: 202,
        headers: { "Cache-Control": "no-store", "X-Request-Id": requestId },
      });
    },
  );
}
