/**
 * start, stop, force-stop, restart, pause, unpause: one KubeVirt subresource call each. "Already in that
 * state" is read from the live VM (and its instance): a stop retried on a VM that is Stopping or Stopped,
 * or whose run strategy is already Halted, is done.
 */
import "server-only";
import { VMStatus } from "@/lib/domain/vm";
import { isAppError } from "@/lib/errors/app-error";
import { actOnce, type VmOperationContext, type VmOperationExecutor } from "./vm-operation-executor";

const liveVM = (ctx: VmOperationContext) => {
  const { cluster_id, namespace, name } = ctx.payload;
  return ctx.provider.getVM(cluster_id, namespace, name, { signal: ctx.signal });
};

const RUNNING_LIKE: ReadonlySet<string> = new Set([
  VMStatus.RUNNING,
  VMStatus.MIGRATING,
  VMStatus.PAUSED,
  VMStatus.CREATING, // KubeVirt's "Starting"
  VMStatus.PENDING,
]);

export const startVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  await actOnce(ctx, {
    done: async () => {
      const vm = await liveVM(ctx);
      return vm.runStrategy === "Always" || RUNNING_LIKE.has(vm.status);
    },
    act: () => ctx.provider.startVM(cluster_id, namespace, name, { signal: ctx.signal }),
  });
  return {};
};

export const stopVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  await actOnce(ctx, {
    done: async () => {
      const vm = await liveVM(ctx);
      return vm.status === VMStatus.STOPPED || vm.status === VMStatus.STOPPING || vm.runStrategy === "Halted";
    },
    act: () => ctx.provider.stopVM(cluster_id, namespace, name, { signal: ctx.signal }),
  });
  return {};
};

/** Force stop exists to end a stop that hangs, so only Stopped counts as done. */
export const forceStopVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  await actOnce(ctx, {
    done: async () => (await liveVM(ctx)).status === VMStatus.STOPPED,
    act: () => ctx.provider.stopVM(cluster_id, namespace, name, { force: true, signal: ctx.signal }),
  });
  return {};
};

/** A restart is done once the VM runs an instance created after the request (or is between instances). */
export const restartVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  await actOnce(ctx, {
    done: async () => {
      try {
        const vmi = await ctx.provider.getVMI(cluster_id, namespace, name, { signal: ctx.signal });
        return vmi.createdAt.getTime() >= ctx.requestedAt.getTime();
      } catch (e) {
        if (!isAppError(e, "K8S_NOT_FOUND")) throw e;
        const vm = await liveVM(ctx);
        return vm.runStrategy === "Always" && vm.status !== VMStatus.STOPPED;
      }
    },
    act: () => ctx.provider.restartVM(cluster_id, namespace, name, { signal: ctx.signal }),
  });
  return {};
};

export const pauseVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  await actOnce(ctx, {
    done: async () => (await liveVM(ctx)).status === VMStatus.PAUSED,
    act: () => ctx.provider.pauseVM(cluster_id, namespace, name, { signal: ctx.signal }),
  });
  return {};
};

export const unpauseVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  await actOnce(ctx, {
    done: async () => (await liveVM(ctx)).status === VMStatus.RUNNING,
    act: () => ctx.provider.unpauseVM(cluster_id, namespace, name, { signal: ctx.signal }),
  });
  return {};
};
