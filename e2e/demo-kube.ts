// The demo clusters' Kubernetes API as any client would use it: the kubeconfig the launcher wrote under the e2e
// data dir, HTTPS with kubesim's CA, a bearer token. Specs use it to change a cluster behind Shepherd's back.
import { readFileSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import YAML from "yaml";

const dataDir = path.resolve(import.meta.dirname, "..", process.env.E2E_DATA_DIR ?? ".data/e2e");

export interface KubeContext {
  server: string;
  ca: string;
  token: string;
}

/** One context of the demo clusters' kubeconfig (written by the launcher under the data dir). */
export function demoCluster(name: string): KubeContext {
  const config = YAML.parse(readFileSync(path.join(dataDir, "demo-clusters", "kubeconfig.yaml"), "utf8")) as {
    clusters: { name: string; cluster: { server: string; "certificate-authority-data": string } }[];
    users: { name: string; user: { token: string } }[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
  };
  const ctx = config.contexts.find((c) => c.name === name)?.context;
  const cluster = config.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
  const user = config.users.find((u) => u.name === ctx?.user)?.user;
  if (!cluster || !user) throw new Error(`no context ${name} in the demo kubeconfig`);
  return {
    server: cluster.server,
    ca: Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8"),
    token: user.token,
  };
}

/** One Kubernetes API call; resolves with the parsed body, rejects on a non-2xx answer. */
export function kube(ctx: KubeContext, method: string, pathname: string, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(pathname, ctx.server),
      {
        method,
        ca: ctx.ca,
        headers: {
          authorization: `Bearer ${ctx.token}`,
          accept: "application/json",
          ...(payload ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () =>
          (res.statusCode ?? 500) < 300
            ? resolve(text ? JSON.parse(text) : undefined)
            : reject(new Error(`${method} ${pathname}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
