// Registers a cluster: the kubeconfig is validated, encrypted with the cluster's id as authenticated data,
// and stored with the row and its audit record in one transaction. The kubeconfig is never returned.
// The same transaction queues `NOTIFY shepherd_cluster_changed` (registered), so a running worker starts the
// cluster's watchers at once, and records the connection test made before it, if any, as the first check
// (logged like any check that changes a status). The kubeconfig may come already validated (the API's test).
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { CLUSTER_NAME_PATTERN } from "@/lib/clusters/cluster-name";
import type { Cluster } from "@/lib/domain/cluster";
import type { HealthCheckResult } from "@/lib/domain/cluster-health";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { mapUniqueViolation } from "../db/unique-violation";
import type { CredentialStore } from "../k8s/credential-store";
import { ValidatedKubeconfig, validateKubeconfig } from "../k8s/kubeconfig";
import type { Logger } from "../log";
import { notifyClusterChanged } from "./notify-cluster-changed";
import { logCheckOutcome, type PersistOutcome, persistCheckResultIn } from "./persist-check-result";
import { toCluster } from "./to-cluster";

export const RegisterClusterInput = z.object({
  /** A DNS label: it appears in logs, metrics and URLs. */
  name: z.string().min(1).max(63).regex(CLUSTER_NAME_PATTERN),
  displayName: z.string().trim().min(1).max(100).optional(),
  environment: z.enum(["test", "prod"]).default("test"),
  kubeconfig: z.union([
    z.string().min(1),
    z.custom<ValidatedKubeconfig>((v) => v instanceof ValidatedKubeconfig),
  ]),
});
export type RegisterClusterInput = z.input<typeof RegisterClusterInput>;

export interface ClusterDeps {
  prisma: PrismaClient;
  store: CredentialStore;
}

export async function registerCluster(
  deps: ClusterDeps,
  input: RegisterClusterInput,
  actor: AuditActor,
  opts: { initialCheck?: HealthCheckResult; log?: Pick<Logger, "info"> } = {},
): Promise<Cluster> {
  const parsed = RegisterClusterInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", undefined, {
      fieldErrors: parsed.error.issues.map((i) => ({
        field: i.path.join("."),
        code: i.code,
        message: i.message,
      })),
    });
  }
  const { name, displayName, environment, kubeconfig: given } = parsed.data;
  const kubeconfig = typeof given === "string" ? validateKubeconfig(given) : given;
  const id = crypto.randomUUID(); // chosen first: the ciphertext is bound to it
  let checked: PersistOutcome | undefined;
  try {
    const row = await deps.prisma.$transaction(async (tx) => {
      const created = await tx.cluster.create({
        data: {
          id,
          name,
          displayName: displayName ?? null,
          environment,
          apiServerUrl: kubeconfig.summary.server,
          createdBy: actor.id,
          ...deps.store.seal(id, kubeconfig),
        },
      });
      await recordAudit(tx, {
        action: "cluster.register",
        actor,
        resource: { type: "cluster", id, name },
        environment,
        details: { server: kubeconfig.summary.server, auth_method: kubeconfig.summary.authMethod },
      });
      await notifyClusterChanged(tx, id, "registered");
      if (!opts.initialCheck) return created;
      checked = await persistCheckResultIn(tx, id, opts.initialCheck, {
        trigger: "manual",
        notify: false,
        actor,
      });
      return tx.cluster.findUniqueOrThrow({ where: { id } });
    });
    if (opts.log && opts.initialCheck) logCheckOutcome(opts.log, { id, name }, opts.initialCheck, checked);
    return toCluster(row);
  } catch (err) {
    throw mapUniqueViolation(err) ?? err;
  }
}
