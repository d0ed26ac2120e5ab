// One pending-adoption row with its cluster's name, or ADOPTION_NOT_FOUND.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "../db/prisma";

export async function findPendingAdoptionOrThrow(prisma: PrismaClient, id: string) {
  const item = await prisma.pendingAdoption.findUnique({
    where: { id },
    include: { cluster: { select: { name: true } } },
  });
  if (!item) throw new AppError("ADOPTION_NOT_FOUND", { id });
  return item;
}
