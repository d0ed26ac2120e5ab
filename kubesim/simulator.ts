// Programmatic entry point: startKubeSim(options) → a running cluster with its URL, kubeconfig (object and
// YAML, admin and read-only), a control client and stop(). Used by tests, the CLI and the demo mode.
import { KubeSimClient } from "./client.ts";
import { Cluster, type ClusterOptions } from "./cluster.ts";
import { buildKubeconfig, type KubeconfigDoc, kubeconfigYaml } from "./kubeconfig.ts";
import { generateTls } from "./tls.ts";

export interface KubeSimOptions extends Omit<ClusterOptions, "tls"> {
  port?: number;
  host?: string;
  /** Serve HTTPS with a generated CA (in the kubeconfig). Default false (plain HTTP). */
  https?: boolean;
}

export interface KubeSim {
  name: string;
  url: string;
  kubeconfig: KubeconfigDoc;
  kubeconfigYaml: string;
  /** Same cluster, read-only token (writes get 403). */
  readOnlyKubeconfigYaml: string;
  adminToken?: string;
  readOnlyToken?: string;
  caPem?: string;
  client: KubeSimClient;
  cluster: Cluster;
  stop(): Promise<void>;
}

export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const tls = options.https ? await generateTls([options.host ?? "127.0.0.1"]) : undefined;
  const cluster = new Cluster({ ...options, tls });
  try {
    await cluster.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  const name = cluster.name;
  const kubeconfig = buildKubeconfig([
    { name, server: cluster.url, caPem: tls?.caPem, token: cluster.adminToken },
  ]);
  const readOnly = buildKubeconfig([
    { name, server: cluster.url, caPem: tls?.caPem, token: cluster.readOnlyToken },
  ]);
  return {
    name,
    url: cluster.url,
    kubeconfig,
    kubeconfigYaml: kubeconfigYaml(kubeconfig),
    readOnlyKubeconfigYaml: kubeconfigYaml(readOnly),
    adminToken: cluster.adminToken,
    readOnlyToken: cluster.readOnlyToken,
    caPem: tls?.caPem,
    client: new KubeSimClient(cluster.url, { token: cluster.adminToken, caPem: tls?.caPem }),
    cluster,
    stop: () => cluster.stop(),
  };
}
