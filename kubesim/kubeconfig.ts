// kubeconfig documents for simulated clusters: one context per cluster, bearer-token users, the CA for
// HTTPS, and `insecure-skip-tls-verify` for plain HTTP (which @kubernetes/client-node 1.x insists on).
import { stringify } from "yaml";

export interface KubeconfigCluster {
  name: string;
  server: string;
  caPem?: string;
  token?: string;
  namespace?: string;
}

export interface KubeconfigDoc {
  apiVersion: "v1";
  kind: "Config";
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  "current-context": string;
  preferences: Record<string, never>;
}

export function buildKubeconfig(clusters: KubeconfigCluster[], current?: string): KubeconfigDoc {
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: c.server.startsWith("https:")
        ? { server: c.server, "certificate-authority-data": Buffer.from(c.caPem ?? "").toString("base64") }
        : { server: c.server, "insecure-skip-tls-verify": true },
    })),
    users: clusters.map((c) => ({ name: `${c.name}-user`, user: c.token ? { token: c.token } : {} })),
    contexts: clusters.map((c) => ({
      name: c.name,
      context: {
        cluster: c.name,
        user: `${c.name}-user`,
        ...(c.namespace ? { namespace: c.namespace } : {}),
      },
    })),
    "current-context": current ?? clusters[0]?.name ?? "",
    preferences: {},
  };
}

export function kubeconfigYaml(doc: KubeconfigDoc): string {
  return stringify(doc);
}
