// The Prisma client factory. Each process builds one in its composition root (server/web-context.ts, the
// worker's main) and passes it down; tests build their own and close them.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export { PrismaClient };

export function createPrisma(url: string, opts: { maxConnections?: number } = {}): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: opts.maxConnections ?? 10 }),
  });
}
