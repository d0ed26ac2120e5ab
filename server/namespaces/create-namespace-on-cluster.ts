// `POST /api/v1/admin/clusters/{id}/namespaces` `{name}`: creates a registered namespace on a cluster through
// the provider, with the SPEC §4 JIT labels. An unknown cluster (CLUSTER_NOT_FOUND) or an unregistered name
// (NAMESPACE_NOT_REGISTERED) is refused before anything is sent and writes nothing. The Kubernetes call runs
// outside any transaction; its result is audited `namespace.create` afterwards: success (with `created`
// false when it already existed, NAMESPACE_ALREADY_EXISTS) or failure with the error code when the call left
// for the cluster and failed (NAMESPACE_* and K8S_* codes).
import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { namespaceLabels } from "@/lib/namespaces/namespace-labels";
import type { NamespaceOnClusterView } from "@/lib/namespaces/namespace-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { NamespaceClusterDeps } from "./namespace-deps";
import { NAMESPACE_AUDIT_RESOURCE } from "./namespace-presence";

/** Codes of a call that was sent to the cluster and failed there (or on the way): recorded as failures. */
const reachedCluster = (code: string) => code.startsWith("NAMESPACE_") || code.startsWith("K8S_");

export async function createNamespaceOnCluster(
  deps: NamespaceClusterDeps,
  clusterId: string,
  name: string,
  actor: AuditActor,
): Promise<NamespaceOnClusterView> {
  const cluster = await deps.prisma.cluster.findUnique({
    where: { id: clusterId },
    select: { id: true, name: true },
  });
  if (!cluster) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
  const entry = await deps.prisma.namespaceRegistry.findUnique({ where: { name } });
  if (!entry) throw new AppError("NAMESPACE_NOT_REGISTERED", { namespace: name });

  const audit = (outcome: "success" | "failure", details: Record<string, unknown>) =>
    recordAudit(deps.prisma, {
      action: "namespace.create",
      actor,
      resource: { type: NAMESPACE_AUDIT_RESOURCE, id: entry.id, name },
      environment: entry.environment,
      outcome,
      details: { cluster_id: cluster.id, cluster_name: cluster.name, ...details },
    });
  try {
    const result = await deps.provider.createNamespace(cluster.id, name, namespaceLabels(entry.environment));
    await audit("success", { created: result.created });
    deps.log.info({ cluster: cluster.id, namespace: name, created: result.created }, "namespace on cluster");
    return {
      namespace: name,
      cluster_id: cluster.id,
      created: result.created,
      ...(result.created ? {} : { code: "NAMESPACE_ALREADY_EXISTS" as const }),
    };
  } catch (e) {
    if (isAppError(e) && reachedCluster(e.code)) {
      await audit("failure", { error_code: e.code });
      deps.log.warn({ cluster: cluster.id, namespace: name, code: e.code }, "namespace create failed");
    }
    throw e;
  }
}
