// The conformance suite against KubeVirtProvider over real HTTP: kubesim (empty profile, no controller delay),
// a KubeClient from the kubeconfig kubesim writes, and a ClusterGate, as in production.
import { startKubeSim } from "@/kubesim/simulator";
import { AppError } from "@/lib/errors/app-error";
import { ClusterGate } from "@/server/k8s/cluster-gate";
import { KubeClient } from "@/server/k8s/kube-client";
import { validateKubeconfig } from "@/server/k8s/kubeconfig";
import { CONFORMANCE_FIXTURES, runProviderConformance } from "../provider-conformance";
import {
  CLUSTER_INSTANCE_TYPE,
  CLUSTER_PREFERENCE,
  INSTANCE_TYPE,
  PREFERENCE,
  resourcePath,
} from "./api-paths";
import { KubeVirtProvider } from "./kubevirt-provider";

const CLUSTER = "kubesim-conformance";
const NAMESPACE = "test";

runProviderConformance("KubeVirtProvider on kubesim", async () => {
  const sim = await startKubeSim({ profile: "empty", stepDelayMs: 0 });
  const client = new KubeClient(validateKubeconfig(sim.kubeconfigYaml));
  const gate = new ClusterGate({ limit: 20, queueMax: 1000, queueWaitMs: 10_000, timeoutMs: 15_000 });
  const provider = new KubeVirtProvider({
    transportFor: async (id) => {
      if (id !== CLUSTER) throw new AppError("CLUSTER_NOT_FOUND", { cluster: id });
      return client;
    },
    gate,
  });
  const f = CONFORMANCE_FIXTURES;
  const post = (path: string, body: unknown) => client.request({ method: "POST", path, body });
  const sizing = (cpu: number, memoryMb: number) => ({
    cpu: { guest: cpu },
    memory: { guest: `${memoryMb}Mi` },
  });
  return {
    provider,
    cluster: CLUSTER,
    namespace: NAMESPACE,
    unknownCluster: "no-such-cluster",
    installFixtures: async () => {
      await post(resourcePath(INSTANCE_TYPE, { namespace: NAMESPACE }), {
        apiVersion: "instancetype.kubevirt.io/v1beta1",
        kind: INSTANCE_TYPE.kind,
        metadata: { name: f.instanceType.name, namespace: NAMESPACE },
        spec: sizing(f.instanceType.cpu, f.instanceType.memoryMb),
      });
      await post(resourcePath(CLUSTER_INSTANCE_TYPE), {
        apiVersion: "instancetype.kubevirt.io/v1beta1",
        kind: CLUSTER_INSTANCE_TYPE.kind,
        metadata: { name: f.clusterInstanceType.name },
        spec: sizing(f.clusterInstanceType.cpu, f.clusterInstanceType.memoryMb),
      });
      await post(resourcePath(PREFERENCE, { namespace: NAMESPACE }), {
        apiVersion: "instancetype.kubevirt.io/v1beta1",
        kind: PREFERENCE.kind,
        metadata: { name: f.preference.name, namespace: NAMESPACE },
        spec: {},
      });
      await post(resourcePath(CLUSTER_PREFERENCE), {
        apiVersion: "instancetype.kubevirt.io/v1beta1",
        kind: CLUSTER_PREFERENCE.kind,
        metadata: { name: f.clusterPreference.name },
        spec: {},
      });
    },
    stop: async () => {
      client.close();
      await sim.stop();
    },
  };
});
