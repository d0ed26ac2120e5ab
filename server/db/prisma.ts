// The Prisma client: the only module-level singleton allowed in the server (STYLE.md traps). Everything
// that needs the database in the web process goes through getPrisma(); the worker and tests build their
// own with createPrisma() and close it themselves.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { AppError } from "@/lib/errors/app-error";
import { loadConfig } from "../config";
import { PrismaClient } from "./generated/prisma/client";

export { PrismaClient };

export function createPrisma(url: string, opts: { maxConnections?: number } = {}): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: opts.maxConnections ?? 10 }),
  });
}

const holder = globalThis as unknown as { shepherdPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  if (!holder.shepherdPrisma) {
    const url = loadConfig().database.url;
    // The launcher always sets DATABASE_URL for the web and worker processes; a web server started by hand
    // without it has no database to talk to.
    if (!url) throw new AppError("DATABASE_UNAVAILABLE", undefined, { message: "DATABASE_URL is not set" });
    holder.shepherdPrisma = createPrisma(url);
  }
  return holder.shepherdPrisma;
}
