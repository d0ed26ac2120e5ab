// Public surface of kubesim for other code (tests, the product's demo mode): start clusters, drive them.
export { type CliArgs, parseArgs, startClusters } from "./cli.ts";
export {
  KubeSimClient,
  type KubeSimClientOptions,
  KubeSimControlError,
  type KubeSimState,
} from "./client.ts";
export type { ClusterOptions } from "./cluster.ts";
export { FAILURE_ANNOTATION, type FailureScenario } from "./controller.ts";
export { isGateEnabled } from "./feature-gates.ts";
export { buildKubeconfig, type KubeconfigDoc, kubeconfigYaml } from "./kubeconfig.ts";
export { BUILTIN_PROFILES, type NodeInput, type Profile, type ProfileInput } from "./profile.ts";
export { type KubeSim, type KubeSimOptions, startKubeSim } from "./simulator.ts";
