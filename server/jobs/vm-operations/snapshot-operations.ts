/**
 * snapshot, delete-snapshot, restore. The snapshot's name is in the payload, so a retried create meets
 * AlreadyExists and checks the snapshot is of this VM; a delete whose snapshot is gone is done; a restore
 * gets a name derived from the event id, so a retried one meets its own restore instead of restoring twice.
 */
import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import {
  actOnce,
  isMissing,
  type VmOperationContext,
  type VmOperationExecutor,
} from "./vm-operation-executor";

function snapshotOf(ctx: VmOperationContext): string {
  const { snapshot } = ctx.payload;
  if (!snapshot)
    throw new AppError("VALIDATION_FAILED", undefined, {
      message: `${ctx.payload.action} task ${ctx.eventId} names no snapshot`,
    });
  return snapshot;
}

export const createSnapshot: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  const snapshot = snapshotOf(ctx);
  await actOnce(ctx, {
    done: async () => {
      try {
        const s = await ctx.provider.getSnapshot(cluster_id, namespace, snapshot, { signal: ctx.signal });
        return s.sourceVm === name;
      } catch (e) {
        if (isAppError(e, "K8S_NOT_FOUND")) return false;
        throw e;
      }
    },
    act: () => ctx.provider.createSnapshot(cluster_id, namespace, name, snapshot, { signal: ctx.signal }),
  });
  return { snapshot };
};

export const deleteSnapshot: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace } = ctx.payload;
  const snapshot = snapshotOf(ctx);
  await actOnce(ctx, {
    done: () =>
      isMissing(ctx.provider.getSnapshot(cluster_id, namespace, snapshot, { signal: ctx.signal }), [
        "K8S_NOT_FOUND",
      ]),
    act: () => ctx.provider.deleteSnapshot(cluster_id, namespace, snapshot, { signal: ctx.signal }),
  });
  return { snapshot };
};

/** A valid object name that only this event produces (event ids are UUIDs). */
export function restoreNameOf(eventId: string): string {
  return `restore-${eventId.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63).replace(/-+$/, "");
}

export const restoreVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  const snapshot = snapshotOf(ctx);
  const restore = restoreNameOf(ctx.eventId);
  await actOnce(ctx, {
    done: async () => {
      try {
        const r = await ctx.provider.getRestore(cluster_id, namespace, restore, { signal: ctx.signal });
        return r.targetVm === name;
      } catch (e) {
        if (isAppError(e, "K8S_NOT_FOUND")) return false;
        throw e;
      }
    },
    act: () =>
      ctx.provider.restoreFromSnapshot(cluster_id, namespace, snapshot, name, {
        name: restore,
        signal: ctx.signal,
      }),
  });
  return { snapshot, restore };
};
