// Registers the demo clusters that scripts/demo-clusters.ts started, through the product's own
// registration (encrypted credentials, audit). kubesim makes a new CA and new tokens on every start, so a
// demo cluster registered by an earlier start gets its credentials rotated instead.
// Usage (by the launcher): node --conditions=react-server --import tsx scripts/register-demo-clusters.ts KUBECONFIG
import fs from "node:fs/promises";
import { parse, stringify } from "yaml";
import { registerCluster } from "../server/clusters/register-cluster";
import { rotateClusterCredentials } from "../server/clusters/rotate-cluster-credentials";
import { loadConfig } from "../server/config";
import { createPrisma } from "../server/db/prisma";
import { loadCredentialCipher } from "../server/k8s/credential-cipher";
import { CredentialStore } from "../server/k8s/credential-store";
import { createLogger } from "../server/log";
import { seedDemoGovernance } from "../server/vms/seed-demo-governance";
import { DEMO_CLUSTERS } from "./demo-clusters";

const config = loadConfig();
const log = createLogger(config, "demo");
const actor = { id: "system:demo", name: "npm start (demo clusters)" };

interface Named {
  name: string;
  [k: string]: unknown;
}
interface KubeconfigDoc {
  clusters: Named[];
  users: Named[];
  contexts: (Named & { context: { cluster: string; user: string } })[];
}

/** The single-context kubeconfig of one context of a multi-context file. */
function singleContext(doc: KubeconfigDoc, contextName: string): string {
  const context = doc.contexts.find((c) => c.name === contextName);
  if (!context) throw new Error(`no context ${contextName} in the demo kubeconfig`);
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: doc.clusters.filter((c) => c.name === context.context.cluster),
    users: doc.users.filter((u) => u.name === context.context.user),
    contexts: [context],
    "current-context": contextName,
  });
}

const file = process.argv[2];
if (!file || !config.database.url) {
  log.fatal("usage: register-demo-clusters.ts KUBECONFIG (with DATABASE_URL set)");
  process.exit(2);
}
const prisma = createPrisma(config.database.url, { maxConnections: 2 });
try {
  const cipher = await loadCredentialCipher({
    encryptionKey: config.encryptionKey,
    dataDir: config.dataDir,
    allowGeneratedKey: config.database.embedded,
  });
  const deps = { prisma, store: new CredentialStore({ prisma, cipher }) };
  const doc = parse(await fs.readFile(file, "utf8")) as KubeconfigDoc;
  for (const demo of DEMO_CLUSTERS) {
    const kubeconfig = singleContext(doc, demo.name);
    const existing = await prisma.cluster.findUnique({ where: { name: demo.name }, select: { id: true } });
    if (existing) {
      await rotateClusterCredentials(deps, existing.id, kubeconfig, actor);
      log.info({ cluster: demo.name }, "demo cluster credentials renewed");
    } else {
      const c = await registerCluster(
        deps,
        { name: demo.name, displayName: demo.displayName, environment: demo.environment, kubeconfig },
        actor,
      );
      log.info({ cluster: c.name, id: c.id }, "demo cluster registered");
    }
  }
  // Part of the demo VMs governed from the start, so the demo user has VMs to operate.
  const governed = await seedDemoGovernance(prisma);
  if (governed.created.length > 0) log.info({ vms: governed.created }, "demo VMs governed");
} catch (err) {
  log.error({ err }, "demo cluster registration failed");
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
