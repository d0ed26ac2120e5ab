import "server-only";
import type { KubeVirtProvider as KubeVirtProviderContract } from "@/lib/domain/provider";
import type { ClusterConnections } from "@/server/k8s/cluster-connections";
import type { ClusterGate } from "@/server/k8s/cluster-gate";
import type { Logger } from "@/server/log";
import { KubeVirtProvider, type KubeVirtProviderDeps } from "./kubevirt/kubevirt-provider";

export interface CreateKubeVirtProviderOptions {
  connections: Pick<ClusterConnections, "get">;
  gate: Pick<ClusterGate, "run">;
  log: Pick<Logger, "warn">;
  /** Detected capabilities per cluster (server/clusters/cluster-capability-row.ts storedProviderCapabilities). */
  capabilitiesOf?: KubeVirtProviderDeps["capabilitiesOf"];
}

/** The production provider: one KubeClient per cluster from ClusterConnections, every call through the gate. */
export function createKubeVirtProvider(opts: CreateKubeVirtProviderOptions): KubeVirtProviderContract {
  return new KubeVirtProvider({
    transportFor: (clusterId, signal) => opts.connections.get(clusterId, signal ? { signal } : {}),
    gate: opts.gate,
    ...(opts.capabilitiesOf ? { capabilitiesOf: opts.capabilitiesOf } : {}),
    // Objects the mapper could not read are skipped, not fatal (SPEC §8); say which, without the object.
    onSkip: ({ cluster, kind, error }) =>
      opts.log.warn({ cluster, kind, err: error }, "skipped a Kubernetes object the mapper cannot read"),
  });
}
