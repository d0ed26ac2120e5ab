// Registration and credential rotation on the real database with a kubeconfig kubesim wrote: the
// credentials are stored only encrypted, every change is audited without the secret, and refused input
// changes nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { isAppError } from "@/lib/errors/app-error";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { ClusterConnections } from "../k8s/cluster-connections";
import { CredentialCipher } from "../k8s/credential-cipher";
import { CredentialStore } from "../k8s/credential-store";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { registerCluster } from "./register-cluster";
import { rotateClusterCredentials } from "./rotate-cluster-credentials";

let db: TestDatabase;
let prisma: PrismaClient;
let sim: KubeSim;
let deps: { prisma: PrismaClient; store: CredentialStore };
const cipher = new CredentialCipher({ key: randomBytes(32) });
const admin = { id: "u-admin", name: "admin" };

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 3 });
  sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, https: true });
  deps = { prisma, store: new CredentialStore({ prisma, cipher }) };
});
afterAll(async () => {
  await sim?.stop();
  await prisma?.$disconnect();
  await db?.drop();
});
beforeEach(async () => {
  await prisma.cluster.deleteMany();
});

const counts = async () => ({
  clusters: await prisma.cluster.count(),
  audits: await prisma.auditLog.count(),
});

describe("registerCluster", () => {
  it("stores the kubeconfig encrypted, audits without the secret, and the cluster answers", async () => {
    const cluster = await registerCluster(
      deps,
      { name: "east-1", displayName: "East 1", environment: "prod", kubeconfig: sim.kubeconfigYaml },
      admin,
    );
    expect(cluster).toMatchObject({
      name: "east-1",
      displayName: "East 1",
      environment: "prod",
      status: "UNKNOWN",
    });
    expect(cluster.apiServerUrl).toBe(sim.url);
    expect(JSON.stringify(cluster)).not.toContain(sim.adminToken);

    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: cluster.id } });
    expect(Buffer.from(row.encryptedKubeconfig).includes(Buffer.from(String(sim.adminToken)))).toBe(false);
    expect(row.encryptionKeyId).toBe(cipher.keyId);

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { resourceId: cluster.id } });
    expect(audit).toMatchObject({ action: "cluster.register", actorId: "u-admin", resourceType: "cluster" });
    expect(JSON.stringify(audit.details)).not.toContain(sim.adminToken);

    const connections = new ClusterConnections({ prisma, cipher });
    const client = await connections.get(cluster.id);
    await expect(client.request({ method: "GET", path: "/version" })).resolves.toMatchObject({ major: "1" });
    connections.close();
  });

  it.each([
    ["a name that is not a DNS label", { name: "East_1" }, "VALIDATION_FAILED"],
    ["an unparseable kubeconfig", { kubeconfig: "::: not yaml :::" }, "KUBECONFIG_INVALID"],
    [
      "an exec-based kubeconfig",
      {
        kubeconfig: [
          "apiVersion: v1",
          "kind: Config",
          "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]",
          "users: [{name: u, user: {exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}}}]",
          "contexts: [{name: x, context: {cluster: c, user: u}}]",
          "current-context: x",
        ].join("\n"),
      },
      "KUBECONFIG_AUTH_UNSUPPORTED",
    ],
  ])("refuses %s and changes nothing", async (_what, override, code) => {
    const before = await counts();
    const attempt = registerCluster(deps, { name: "ok", kubeconfig: sim.kubeconfigYaml, ...override }, admin);
    await expect(attempt).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === code);
    expect(await counts()).toEqual(before);
  });

  it("refuses a second cluster of the same name with UNIQUE_VIOLATION and changes nothing", async () => {
    await registerCluster(deps, { name: "dup", kubeconfig: sim.kubeconfigYaml }, admin);
    const before = await counts();
    const again = registerCluster(deps, { name: "dup", kubeconfig: sim.kubeconfigYaml }, admin);
    await expect(again).rejects.toSatisfy((e: unknown) => isAppError(e, "UNIQUE_VIOLATION"));
    expect(await counts()).toEqual(before);
  });
});

describe("rotateClusterCredentials", () => {
  it("replaces the ciphertext and audits the rotation", async () => {
    const cluster = await registerCluster(deps, { name: "rot", kubeconfig: sim.kubeconfigYaml }, admin);
    const before = await prisma.cluster.findUniqueOrThrow({ where: { id: cluster.id } });
    await rotateClusterCredentials(deps, cluster.id, sim.kubeconfigYaml, admin);
    const after = await prisma.cluster.findUniqueOrThrow({ where: { id: cluster.id } });
    // A fresh IV: the same kubeconfig never encrypts to the same bytes.
    expect(Buffer.from(after.encryptedKubeconfig).equals(Buffer.from(before.encryptedKubeconfig))).toBe(
      false,
    );
    expect(await prisma.auditLog.count({ where: { action: "cluster.credential_rotate" } })).toBe(1);
  });

  it("refuses an unknown cluster and writes no audit", async () => {
    const before = await counts();
    const attempt = rotateClusterCredentials(deps, "no-such-id", sim.kubeconfigYaml, admin);
    await expect(attempt).rejects.toSatisfy((e: unknown) => isAppError(e, "CLUSTER_NOT_FOUND"));
    expect(await counts()).toEqual(before);
  });
});
