// Demo mode (npm start with the embedded database): the systems and services that the demo clusters' labelled
// VMs name (kubesim/seed.ts, a fixed seed), so the adoption inbox has adoptable items — except on purpose
// analytics/worker (its VMs are MISSING_SERVICE orphans) and the billing system (MISSING_SYSTEM). The demo
// `user` joins shop/api when that service is first created. Idempotent: later starts create only what is
// missing and leave memberships as admins set them.
import "server-only";
import type { AuditActor } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { mapUniqueViolation } from "../db/unique-violation";
import { setUserMemberships } from "./set-user-memberships";

export const DEMO_SERVICES: Readonly<Record<string, readonly string[]>> = {
  shop: ["api", "redis", "web", "worker"],
  search: ["api"],
  auth: ["api", "db", "worker"],
  analytics: ["web"],
};

/** The service the demo `user` is a member of. */
export const DEMO_USER_SERVICE = { system: "shop", service: "api" } as const;

const actor: AuditActor = { id: "system:demo", name: "npm start (demo services)" };

export async function seedDemoServices(prisma: PrismaClient): Promise<{ created: string[] }> {
  const created: string[] = [];
  let userServiceId: string | undefined;
  for (const [systemName, services] of Object.entries(DEMO_SERVICES)) {
    const system = await prisma.system.upsert({
      where: { name: systemName },
      create: { name: systemName, description: "Demo system", createdBy: actor.id },
      update: {},
      select: { id: true },
    });
    for (const name of services) {
      const existing = await prisma.service.findUnique({
        where: { systemId_name: { systemId: system.id, name } },
        select: { id: true },
      });
      if (existing) continue;
      const service = await prisma.service
        .create({
          data: { systemId: system.id, name, description: "Demo service", createdBy: actor.id },
          select: { id: true },
        })
        .catch((error: unknown) => {
          // A second launcher on the same database got there first.
          if (mapUniqueViolation(error)) return undefined;
          throw error;
        });
      if (!service) continue;
      created.push(`${systemName}/${name}`);
      if (systemName === DEMO_USER_SERVICE.system && name === DEMO_USER_SERVICE.service)
        userServiceId = service.id;
    }
  }
  if (userServiceId) {
    const user = await prisma.user.findUnique({
      where: { username: "user" },
      select: { id: true, memberships: { select: { serviceId: true } } },
    });
    if (user)
      await setUserMemberships(
        prisma,
        { userId: user.id, serviceIds: [...user.memberships.map((m) => m.serviceId), userServiceId] },
        actor,
      );
  }
  return { created };
}
