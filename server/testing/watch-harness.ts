// Integration-test helpers for the cluster watchers: register a kubesim cluster with encrypted credentials,
// write to it through the real KubeClient, and the reconciliation check every watcher test ends with — the
// cached rows equal the cluster's objects exactly (same uids, same resourceVersions, nothing more).
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { KubeSim } from "@/kubesim/simulator";
import type { PrismaClient } from "../db/prisma";
import type { CredentialCipher } from "../k8s/credential-cipher";
import { CredentialStore } from "../k8s/credential-store";
import { KubeClient } from "../k8s/kube-client";
import { validateKubeconfig } from "../k8s/kubeconfig";
import { collectionPath, WATCHED_RESOURCES } from "../watch/watched-resources";

export async function registerSimCluster(prisma: PrismaClient, cipher: CredentialCipher, sim: KubeSim) {
  const id = randomUUID();
  const kubeconfig = validateKubeconfig(sim.kubeconfigYaml);
  const store = new CredentialStore({ prisma, cipher });
  await prisma.cluster.create({
    data: {
      id,
      name: `c-${id.slice(0, 8)}`,
      apiServerUrl: kubeconfig.summary.server,
      ...store.seal(id, kubeconfig),
    },
  });
  return { id, client: new KubeClient(kubeconfig) };
}

export function vmBody(name: string, runStrategy = "Halted", labels: Record<string, string> = {}) {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, labels },
    spec: {
      runStrategy,
      template: {
        spec: {
          domain: { devices: {}, memory: { guest: "1Gi" } },
        },
      },
    },
  };
}

const VMS = (ns: string) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines`;

export function createVM(client: KubeClient, name: string, runStrategy = "Halted", ns = "test") {
  return client.request({ method: "POST", path: VMS(ns), body: vmBody(name, runStrategy) });
}

export function deleteVM(client: KubeClient, name: string, ns = "test") {
  return client.request({ method: "DELETE", path: `${VMS(ns)}/${name}` });
}

export function patchVM(client: KubeClient, name: string, patch: unknown, ns = "test") {
  return client.request({
    method: "PATCH",
    path: `${VMS(ns)}/${name}`,
    body: patch,
    contentType: "application/merge-patch+json",
  });
}

type Kind = (typeof WATCHED_RESOURCES)[number]["kind"];

/** `uid@resourceVersion` of every object of each kind, as the API server has them now. */
async function clusterObjects(client: KubeClient, kinds: readonly Kind[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { kind, api, accept } of WATCHED_RESOURCES) {
    if (!kinds.includes(kind)) continue;
    const list = await client.request<{ items: { metadata: { uid: string; resourceVersion: string } }[] }>({
      method: "GET",
      path: collectionPath(api),
    });
    // Only what the watcher keeps (e.g. Events about KubeVirt objects).
    out[kind] = list.items
      .filter((o) => accept?.(o) ?? true)
      .map((o) => `${o.metadata.uid}@${o.metadata.resourceVersion}`)
      .sort();
  }
  return out;
}

async function cachedObjects(prisma: PrismaClient, clusterId: string, kinds: readonly Kind[]) {
  const rows = await prisma.cachedResource.findMany({
    where: { clusterId },
    select: { kind: true, uid: true, resourceVersion: true },
  });
  const out: Record<string, string[]> = {};
  for (const kind of kinds) out[kind] = [];
  for (const r of rows) {
    const list = out[r.kind] ?? [];
    list.push(`${r.uid}@${r.resourceVersion}`);
    out[r.kind] = list;
  }
  for (const k of Object.keys(out)) out[k]?.sort();
  return out;
}

/** Waits until the cache equals the cluster for `kinds`, then asserts it (a clear diff when it never does). */
export async function expectReconciled(
  prisma: PrismaClient,
  clusterId: string,
  client: KubeClient,
  kinds: readonly Kind[] = WATCHED_RESOURCES.map((r) => r.kind),
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [want, have] = await Promise.all([
      clusterObjects(client, kinds),
      cachedObjects(prisma, clusterId, kinds),
    ]);
    if (JSON.stringify(want) === JSON.stringify(have) || Date.now() > deadline) {
      expect(have).toEqual(want);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
