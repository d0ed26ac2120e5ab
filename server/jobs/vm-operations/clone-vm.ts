/**
 * clone: a new VM of the same service, named `{namespace}-{system}-{service}-{NN}` (SPEC §3) with the service's
 * next instance index. Index and governance row (CREATING, `origin_event_id` = the event) are taken in one
 * transaction before the cluster call, and a retried job finds that row again, so a retry never takes a
 * second index. The target carries its own SPEC §4 labels, set through the clone's patches (KubeVirt would
 * otherwise copy the source's).
 */
import "server-only";
import { MANAGED_BY_VALUE, ShepherdLabel } from "@/lib/domain/labels";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { actOnce, type VmOperationContext, type VmOperationExecutor } from "./vm-operation-executor";

/** Names already taken by VMs Shepherd did not number (adopted ones) are skipped, up to this many. */
const MAX_NAME_TRIES = 100;

interface Target {
  name: string;
  instance: string;
  system: string;
  service: string;
  serviceId: string;
}

export const cloneVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name: source, snapshot } = ctx.payload;
  const target = await reserveTarget(ctx);
  const requester = await ctx.prisma.user.findUnique({
    where: { id: ctx.payload.requested_by },
    select: { username: true, email: true },
  });
  const labels: Record<string, string> = {
    [ShepherdLabel.managedBy]: MANAGED_BY_VALUE,
    [ShepherdLabel.system]: target.system,
    [ShepherdLabel.service]: target.service,
    [ShepherdLabel.instance]: target.instance,
    [ShepherdLabel.hostname]: target.name,
    [ShepherdLabel.createdBy]: labelValue(
      requester?.username ?? requester?.email ?? ctx.payload.requested_by,
    ),
    [ShepherdLabel.serviceId]: target.serviceId,
    ...(ctx.ticketId ? { [ShepherdLabel.ticketId]: labelValue(ctx.ticketId) } : {}),
  };
  const opts = { labels, signal: ctx.signal };
  await actOnce(ctx, {
    done: async () => {
      const clones = await ctx.provider.listClones(cluster_id, namespace, { signal: ctx.signal });
      if (clones.some((c) => c.targetVm === target.name)) return true;
      try {
        await ctx.provider.getVM(cluster_id, namespace, target.name, { signal: ctx.signal });
        return true;
      } catch (e) {
        if (isAppError(e, "VM_NOT_FOUND")) return false;
        throw e;
      }
    },
    act: () =>
      snapshot
        ? ctx.provider.cloneFromSnapshot(cluster_id, namespace, snapshot, target.name, opts)
        : ctx.provider.cloneVM(cluster_id, namespace, source, target.name, opts),
  });
  return { target: target.name, target_instance: target.instance, ...(snapshot ? { snapshot } : {}) };
};

/** The target's governance row: the one this event reserved before, else a new one with the next index. */
async function reserveTarget(ctx: VmOperationContext): Promise<Target> {
  const { vm_id, cluster_id, namespace, requested_by } = ctx.payload;
  return ctx.prisma.$transaction(async (tx) => {
    const sourceRow = await tx.vm.findUnique({
      where: { id: vm_id },
      select: { serviceId: true, service: { select: { name: true, system: { select: { name: true } } } } },
    });
    if (!sourceRow)
      throw new AppError(
        "VM_NOT_GOVERNED",
        { name: ctx.payload.name },
        {
          message: `clone source ${vm_id} has no governance row any more`,
        },
      );
    const names = {
      system: sourceRow.service.system.name,
      service: sourceRow.service.name,
      serviceId: sourceRow.serviceId,
    };
    const reserved = await tx.vm.findUnique({
      where: { originEventId: ctx.eventId },
      select: { name: true, instance: true },
    });
    if (reserved) return { ...names, name: reserved.name, instance: reserved.instance ?? "" };
    for (let i = 0; i < MAX_NAME_TRIES; i++) {
      // The row lock of this UPDATE serialises concurrent clones of one service; the index only grows.
      const [row] = await tx.$queryRaw<{ index: number }[]>`
        UPDATE services SET next_instance_index = next_instance_index + 1
        WHERE id = ${names.serviceId} RETURNING next_instance_index - 1 AS index`;
      if (!row) throw new AppError("INTERNAL", undefined, { message: `service ${names.serviceId} vanished` });
      const instance = String(row.index).padStart(2, "0");
      const name = `${namespace}-${names.system}-${names.service}-${instance}`;
      if (await tx.vm.findUnique({ where: { namespace_name: { namespace, name } }, select: { id: true } }))
        continue;
      await tx.vm.create({
        data: {
          name,
          instance,
          namespace,
          clusterId: cluster_id,
          serviceId: names.serviceId,
          status: "CREATING",
          hostname: name,
          createdBy: requested_by,
          ticketId: ctx.ticketId ?? null,
          originEventId: ctx.eventId,
        },
      });
      return { ...names, name, instance };
    }
    throw new AppError("INTERNAL", undefined, {
      message: `no free VM name for service ${names.serviceId} after ${MAX_NAME_TRIES} instance numbers`,
    });
  });
}

/** A label value: at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric. */
function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]/g, "-")
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
}
