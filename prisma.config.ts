// Prisma CLI configuration. The CLI normally downloads a native schema engine, which this project cannot
// rely on (offline machines); scripts/prisma-schema-engine.mjs runs the same engine as WebAssembly.
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./scripts/prisma-schema-engine.mjs", import.meta.url),
);
process.env.CHECKPOINT_DISABLE ??= "1"; // the CLI's update check otherwise does DNS lookups

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // `prisma generate` needs no database; migrate commands get DATABASE_URL from scripts/db-migrate.ts.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
