/**
 * delete: asks the cluster to delete the VM, marks the governance row DELETING, then waits (bounded) until the
 * VM is gone from the cluster; the job's outcome transaction then hard-deletes the row (SPEC §18.2). A VM
 * that is already gone is success. A wait that runs out is a K8S_TIMEOUT, retried by the queue.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { actOnce, isMissing, type VmOperationExecutor } from "./vm-operation-executor";

/** First and longest pause between two looks; the whole wait ends after GONE_DEADLINE_MS. */
const GONE_POLL_FIRST_MS = 200;
const GONE_POLL_MAX_MS = 5_000;
const GONE_DEADLINE_MS = 5 * 60_000;

export const deleteVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name, vm_id } = ctx.payload;
  const gone = () =>
    isMissing(ctx.provider.getVM(cluster_id, namespace, name, { signal: ctx.signal }), ["VM_NOT_FOUND"]);
  await actOnce(ctx, {
    done: gone,
    act: () => ctx.provider.deleteVM(cluster_id, namespace, name, { signal: ctx.signal }),
  });
  await ctx.prisma.vm.updateMany({ where: { id: vm_id }, data: { status: "DELETING" } });
  const deadline = Date.now() + GONE_DEADLINE_MS;
  for (let pause = GONE_POLL_FIRST_MS; !(await gone()); pause = Math.min(pause * 2, GONE_POLL_MAX_MS)) {
    if (Date.now() + pause > deadline)
      throw new AppError(
        "K8S_TIMEOUT",
        { cluster: cluster_id },
        {
          message: `VM ${namespace}/${name} still exists ${GONE_DEADLINE_MS / 1000} s after its deletion`,
        },
      );
    await sleep(pause, ctx.signal);
  }
  return {};
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
