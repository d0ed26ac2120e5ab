/**
 * migrate and cancel-migration. A migrate is done when this VM already has an unfinished migration, or one
 * created after the request; a cancel is done when the migration object is gone (KubeVirt cancels by
 * deleting it).
 */
import "server-only";
import { MigrationPhase } from "@/lib/domain/migration";
import { AppError } from "@/lib/errors/app-error";
import { actOnce, isMissing, type VmOperationExecutor } from "./vm-operation-executor";

const FINISHED: ReadonlySet<string> = new Set([MigrationPhase.SUCCEEDED, MigrationPhase.FAILED]);

export const migrateVm: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  let migration: string | undefined;
  await actOnce(ctx, {
    done: async () => {
      const mine = (await ctx.provider.listMigrations(cluster_id, namespace, { signal: ctx.signal })).find(
        (m) =>
          m.vmName === name &&
          (!FINISHED.has(m.status) || m.createdAt.getTime() >= ctx.requestedAt.getTime()),
      );
      migration = mine?.name;
      return mine !== undefined;
    },
    act: async () => {
      migration = (await ctx.provider.migrateVM(cluster_id, namespace, name, { signal: ctx.signal })).name;
    },
  });
  return migration ? { migration } : {};
};

export const cancelMigration: VmOperationExecutor = async (ctx) => {
  const { cluster_id, namespace, name } = ctx.payload;
  const migration =
    ctx.payload.migration ??
    (await ctx.provider.listMigrations(cluster_id, namespace, { signal: ctx.signal })).find(
      (m) => m.vmName === name && !FINISHED.has(m.status),
    )?.name;
  if (!migration)
    throw new AppError(
      "VM_NO_ACTIVE_MIGRATION",
      { name },
      {
        message: `VM ${namespace}/${name} has no unfinished migration to cancel`,
      },
    );
  await actOnce(ctx, {
    done: () =>
      isMissing(ctx.provider.getMigration(cluster_id, namespace, migration, { signal: ctx.signal }), [
        "K8S_NOT_FOUND",
      ]),
    act: () => ctx.provider.cancelMigration(cluster_id, namespace, migration, { signal: ctx.signal }),
  });
  return { migration };
};
