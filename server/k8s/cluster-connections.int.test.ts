// Stored, encrypted kubeconfigs on the real database turned into working KubeClients against kubesim:
// registration columns, caching, invalidation after rotation, refusal of unknown, disabled and undecryptable
// clusters, and re-encryption under a new key.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { isAppError } from "@/lib/errors/app-error";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { ClusterConnections } from "./cluster-connections";
import { CredentialCipher } from "./credential-cipher";
import { CredentialStore } from "./credential-store";
import { KubeApiError } from "./kube-api-error";
import { validateKubeconfig } from "./kubeconfig";

const VMS = "/apis/kubevirt.io/v1/namespaces/test/virtualmachines";

let db: TestDatabase;
let prisma: PrismaClient;
let httpSim: KubeSim;
let httpsSim: KubeSim;
const key = randomBytes(32);
const cipher = new CredentialCipher({ key });
let store: CredentialStore;
let connections: ClusterConnections;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 3 });
  [httpSim, httpsSim] = await Promise.all([
    startKubeSim({ profile: "empty", stepDelayMs: 0 }),
    startKubeSim({ profile: "empty", stepDelayMs: 0, https: true }),
  ]);
  store = new CredentialStore({ prisma, cipher });
  connections = new ClusterConnections({ prisma, cipher });
});

afterAll(async () => {
  connections?.close();
  await Promise.all([httpSim?.stop(), httpsSim?.stop()]);
  await prisma?.$disconnect();
  await db?.drop();
});

/** Registers a cluster the way the registry does: id first, the sealed kubeconfig in the same insert. */
async function register(kubeconfigYaml: string, extra: { enabled?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  const kubeconfig = validateKubeconfig(kubeconfigYaml);
  await prisma.cluster.create({
    data: {
      id,
      name: `c-${id.slice(0, 8)}`,
      apiServerUrl: kubeconfig.summary.server,
      ...store.seal(id, kubeconfig),
      ...extra,
    },
  });
  return id;
}

async function appErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
}

describe("ClusterConnections", () => {
  it.each([
    ["HTTP", () => httpSim],
    ["HTTPS", () => httpsSim],
  ])("builds a working client from a stored encrypted kubeconfig (%s)", async (_p, sim) => {
    const id = await register(sim().kubeconfigYaml);
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id } });
    expect(row.encryptionKeyId).toBe(cipher.keyId);
    expect(Buffer.from(row.encryptedKubeconfig).toString("latin1")).not.toContain(sim().adminToken ?? "?");

    const client = await connections.get(id);
    expect(client.server).toBe(sim().url.replace(/\/$/, ""));
    const list = await client.request<{ kind: string }>({ method: "GET", path: VMS });
    expect(list.kind).toBe("VirtualMachineList");
  });

  it("caches one client per cluster, also for concurrent first calls", async () => {
    const id = await register(httpSim.kubeconfigYaml);
    const [a, b] = await Promise.all([connections.get(id), connections.get(id)]);
    expect(a).toBe(b);
    expect(await connections.get(id)).toBe(a);
  });

  it("refuses an unknown cluster and a disabled one with CLUSTER_NOT_FOUND", async () => {
    expect(await appErrorCode(connections.get(randomUUID()))).toBe("CLUSTER_NOT_FOUND");
    const disabled = await register(httpSim.kubeconfigYaml, { enabled: false });
    expect(await appErrorCode(connections.get(disabled))).toBe("CLUSTER_NOT_FOUND");
    await expect(store.load(disabled, { includeDisabled: true })).resolves.toBeDefined();
  });

  it("does not cache a failure: a cluster registered after a miss is found", async () => {
    const id = randomUUID();
    expect(await appErrorCode(connections.get(id))).toBe("CLUSTER_NOT_FOUND");
    const kubeconfig = validateKubeconfig(httpSim.kubeconfigYaml);
    await prisma.cluster.create({
      data: { id, name: `late-${id.slice(0, 8)}`, ...store.seal(id, kubeconfig) },
    });
    await expect(connections.get(id)).resolves.toBeDefined();
  });

  it("uses rotated credentials after invalidate()", async () => {
    const id = await register(httpSim.kubeconfigYaml);
    const before = await connections.get(id);
    await store.save(id, validateKubeconfig(httpSim.readOnlyKubeconfigYaml));
    expect(await connections.get(id)).toBe(before); // cached until told
    connections.invalidate(id);
    const after = await connections.get(id);
    expect(after).not.toBe(before);
    const write = await after.request({ method: "DELETE", path: `${VMS}/anything` }).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(KubeApiError);
    expect((write as KubeApiError).kind).toBe("forbidden");
    // The old client still works for a caller that holds it.
    await expect(before.request({ method: "GET", path: VMS })).resolves.toBeDefined();
  });

  it("refuses credentials it cannot decrypt with CREDENTIALS_UNREADABLE { cluster }", async () => {
    const id = await register(httpSim.kubeconfigYaml);
    const stranger = new ClusterConnections({
      prisma,
      cipher: new CredentialCipher({ key: randomBytes(32) }),
    });
    const error = await stranger.get(id).catch((e: unknown) => e);
    expect(isAppError(error, "CREDENTIALS_UNREADABLE") && error.params).toEqual({ cluster: id });

    // Another cluster's ciphertext copied into this row does not decrypt here.
    const other = await register(httpsSim.kubeconfigYaml);
    const { encryptedKubeconfig } = await prisma.cluster.findUniqueOrThrow({ where: { id: other } });
    await prisma.cluster.update({ where: { id }, data: { encryptedKubeconfig } });
    connections.invalidate(id);
    expect(await appErrorCode(connections.get(id))).toBe("CREDENTIALS_UNREADABLE");
  });

  it("rejects with the caller's reason when its signal aborts", async () => {
    const id = await register(httpSim.kubeconfigYaml);
    const reason = new Error("stop");
    await expect(connections.get(id, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe("CredentialStore", () => {
  it("re-encrypts a row sealed with a previous key under the current one", async () => {
    const id = await register(httpSim.kubeconfigYaml);
    const rotatedCipher = new CredentialCipher({ key: randomBytes(32), previousKeys: [key] });
    const rotated = new CredentialStore({ prisma, cipher: rotatedCipher });
    expect(await rotated.reencrypt(id)).toBe(true);
    expect((await prisma.cluster.findUniqueOrThrow({ where: { id } })).encryptionKeyId).toBe(
      rotatedCipher.keyId,
    );
    expect(await rotated.reencrypt(id)).toBe(false);
    const kubeconfig = await new CredentialStore({
      prisma,
      cipher: new CredentialCipher({ key: randomBytes(32), previousKeys: [] }),
    })
      .load(id)
      .catch((e: unknown) => e);
    expect(isAppError(kubeconfig, "CREDENTIALS_UNREADABLE")).toBe(true);
    await expect(rotated.load(id)).resolves.toMatchObject({ summary: { authMethod: "token" } });
  });

  it("refuses to save credentials of an unknown cluster", async () => {
    expect(await appErrorCode(store.save(randomUUID(), validateKubeconfig(httpSim.kubeconfigYaml)))).toBe(
      "CLUSTER_NOT_FOUND",
    );
  });
});
