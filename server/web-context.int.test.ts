// The web process's composition root against a real database and a kubesim cluster over HTTPS: its provider
// reaches the cluster with the stored, encrypted kubeconfig; the per-cluster client is kept between calls and
// dropped when a change notice says the credentials were rotated, so the next call uses the new ones.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { isAppError } from "@/lib/errors/app-error";
import { notifyClusterChanged } from "./clusters/notify-cluster-changed";
import { parseConfig } from "./config";
import { createPrisma, type PrismaClient } from "./db/prisma";
import { CredentialCipher } from "./k8s/credential-cipher";
import { CredentialStore } from "./k8s/credential-store";
import { validateKubeconfig } from "./k8s/kubeconfig";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";
import { createWebContext, type WebContext } from "./web-context";

let db: TestDatabase;
let prisma: PrismaClient;
let sim: KubeSim;
let ctx: WebContext;
const key = randomBytes(32);
const store = () => new CredentialStore({ prisma, cipher: new CredentialCipher({ key }) });

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 3 });
  sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, https: true });
  ctx = createWebContext(
    parseConfig({
      DATABASE_URL: db.url,
      SHEPHERD_ENCRYPTION_KEY: key.toString("base64"),
      BETTER_AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
      LOG_LEVEL: "silent",
    }),
    prisma,
  );
});

afterAll(async () => {
  await ctx?.events.close();
  (await ctx?.clusters())?.connections.close();
  await sim?.stop();
  await prisma?.$disconnect();
  await db?.drop();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isAppError(error) ? error.code : `no AppError: ${String(error)}`;
}

describe("web context", () => {
  it("is one instance of each dependency, with cluster access loaded once", async () => {
    expect(await ctx.clusters()).toBe(await ctx.clusters());
    expect(await ctx.auth()).toBe(await ctx.auth());
  });

  it("drops a cluster's cached client when its credentials are rotated, and only then", async () => {
    await sim.client.grantToken("ctx-old-token");
    await sim.client.grantToken("ctx-new-token");
    const kubeconfigWith = (token: string) => sim.kubeconfigYaml.replace(String(sim.adminToken), token);
    const id = randomUUID();
    const kubeconfig = validateKubeconfig(kubeconfigWith("ctx-old-token"));
    await prisma.cluster.create({
      data: { id, name: "ctx", apiServerUrl: kubeconfig.summary.server, ...store().seal(id, kubeconfig) },
    });
    const { provider } = await ctx.clusters();
    expect((await provider.listVMs(id, "")).items).toEqual([]);

    // Rotation as another process does it: new sealed kubeconfig, old token revoked.
    await prisma.cluster.update({
      where: { id },
      data: store().seal(id, validateKubeconfig(kubeconfigWith("ctx-new-token"))),
    });
    await sim.client.revokeToken("ctx-old-token");
    // The cached client still holds the old token: no notice yet, so no reload.
    expect(await codeOf(provider.listVMs(id, ""))).toBe("K8S_UNAUTHORIZED");

    await ctx.events.listening();
    await notifyClusterChanged(prisma, id, "credentials_rotated");
    const deadline = Date.now() + 5_000;
    let code = "K8S_UNAUTHORIZED";
    while (code !== "ok" && Date.now() < deadline) {
      code = await provider.listVMs(id, "").then(
        () => "ok",
        (e: unknown) => (isAppError(e) ? e.code : String(e)),
      );
      if (code !== "ok") await new Promise((r) => setTimeout(r, 20));
    }
    expect(code).toBe("ok");
  });
});
