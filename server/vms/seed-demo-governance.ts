/**
 * Demo mode (npm start with the demo clusters): part of the demo VMs are governed from the start, so the demo
 * `user` (a member of shop/api, seed-demo-services.ts) has VMs to operate right after `npm start` — some in
 * test namespaces (they run at once) and some in the prod namespace (they become requests), on both demo
 * clusters. The demo namespaces are registered with their environments, which is what the approval policy
 * reads. The VMs are named after kubesim's fixed seed (kubesim/seed.ts; a test checks they are there); the
 * unlabelled ones show that governance is Shepherd's record, not a label. The rest stay in the adoption inbox.
 *
 * Idempotent: later starts create only what is missing, never change a row an admin edited, and skip a VM
 * whose name another row already holds (vms is unique on namespace + name).
 */
import "server-only";
import type { Environment } from "@/lib/domain/environment";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { mapUniqueViolation } from "../db/unique-violation";
import { DEMO_USER_SERVICE } from "../users/seed-demo-services";

/** The demo namespaces and their environments (global: the registry has no cluster). */
export const DEMO_NAMESPACES: readonly { name: string; environment: Environment }[] = [
  { name: "prod", environment: "prod" },
  { name: "dev", environment: "test" },
  { name: "default", environment: "test" },
  { name: "apps", environment: "test" },
];

/**
 * The demo VMs governed from the start, by demo cluster (scripts/demo-clusters.ts): most as the demo user's
 * service, a few (labelled so) as other services, which the demo user must not see.
 */
export const DEMO_GOVERNED_VMS: readonly {
  cluster: string;
  namespace: string;
  name: string;
  /** Default: the demo user's service. */
  service?: { system: string; service: string };
}[] = [
  // demo-prod (kubesim profile "default"): test namespaces run at once, prod ones need approval.
  { cluster: "demo-prod", namespace: "default", name: "dev-shop-api-12" },
  { cluster: "demo-prod", namespace: "default", name: "vm-00009" },
  { cluster: "demo-prod", namespace: "dev", name: "vm-00001" },
  { cluster: "demo-prod", namespace: "prod", name: "vm-00014" },
  { cluster: "demo-prod", namespace: "prod", name: "vm-00020" },
  // demo-test (kubesim profile "legacy", KubeVirt 1.4 without the Snapshot gate).
  { cluster: "demo-test", namespace: "apps", name: "vm-00005" },
  { cluster: "demo-test", namespace: "apps", name: "vm-00007" },
  { cluster: "demo-test", namespace: "default", name: "vm-00004" },
  // Other services, as their labels say: what admins and approvers see beside the demo user's VMs.
  {
    cluster: "demo-prod",
    namespace: "dev",
    name: "dev-shop-redis-07",
    service: { system: "shop", service: "redis" },
  },
  {
    cluster: "demo-prod",
    namespace: "prod",
    name: "prod-analytics-web-11",
    service: { system: "analytics", service: "web" },
  },
  {
    cluster: "demo-test",
    namespace: "apps",
    name: "dev-shop-web-09",
    service: { system: "shop", service: "web" },
  },
];

const actor: AuditActor = { id: "system:demo", name: "npm start (demo governance)" };

export async function seedDemoGovernance(prisma: PrismaClient): Promise<{ created: string[] }> {
  for (const ns of DEMO_NAMESPACES)
    await prisma.namespaceRegistry.upsert({
      where: { name: ns.name },
      create: {
        name: ns.name,
        environment: ns.environment,
        description: "Demo namespace",
        createdBy: actor.id,
      },
      update: {},
    });

  const services = new Map<string, string>();
  for (const vm of DEMO_GOVERNED_VMS) {
    const ref = vm.service ?? DEMO_USER_SERVICE;
    const key = `${ref.system}/${ref.service}`;
    if (services.has(key)) continue;
    const row = await prisma.service.findFirst({
      where: { name: ref.service, system: { name: ref.system } },
      select: { id: true },
    });
    if (row) services.set(key, row.id);
  }
  const clusters = new Map(
    (
      await prisma.cluster.findMany({
        where: { name: { in: [...new Set(DEMO_GOVERNED_VMS.map((v) => v.cluster))] } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.name, c.id]),
  );

  const created: string[] = [];
  for (const vm of DEMO_GOVERNED_VMS) {
    const clusterId = clusters.get(vm.cluster);
    const ref = vm.service ?? DEMO_USER_SERVICE;
    const serviceId = services.get(`${ref.system}/${ref.service}`);
    if (!clusterId || !serviceId) continue;
    const done = await prisma
      .$transaction(async (tx) => {
        const existing = await tx.vm.findUnique({
          where: { namespace_name: { namespace: vm.namespace, name: vm.name } },
          select: { id: true },
        });
        if (existing) return false;
        const row = await tx.vm.create({
          // The status is the cache's to tell (the page reads it there); UNKNOWN until adopted rows sync.
          data: {
            name: vm.name,
            namespace: vm.namespace,
            clusterId,
            serviceId,
            status: "UNKNOWN",
            createdBy: actor.id,
          },
          select: { id: true },
        });
        // An inbox item for the same VM (a scan that ran first) is settled by this adoption.
        await tx.pendingAdoption.updateMany({
          where: { clusterId, namespace: vm.namespace, resourceName: vm.name, status: "PENDING" },
          data: { status: "ADOPTED", decidedBy: actor.id, decidedAt: new Date(), decisionReason: "demo" },
        });
        await recordAudit(tx, {
          action: "vm.adopt",
          actor,
          resource: { type: "vm", id: row.id, name: vm.name },
          details: { cluster_id: clusterId, namespace: vm.namespace, ...ref, demo: true },
        });
        return true;
      })
      .catch((error: unknown) => {
        if (mapUniqueViolation(error)) return false; // a second launcher on the same database got there first
        throw error;
      });
    if (done) created.push(`${vm.cluster}/${vm.namespace}/${vm.name}`);
  }
  return { created };
}
