// Builds the Next.js production bundle when there is none or when it is older than the sources. Freshness
// is a hash of the source files' contents (not timestamps, which a git checkout rewrites), kept beside
// the build in .next/shepherd-source-hash.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Logger } from "../server/log";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..");
const HASH_FILE = path.join(ROOT, ".next", "shepherd-source-hash");
/** What the web bundle is built from. */
const SOURCES = ["app", "components", "lib", "server", "messages", "public"];
const FILES = [
  "next.config.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const SKIP = /(^|\/)(node_modules|generated)(\/|$)|\.(test|int\.test)\.tsx?$/;

export async function sourceHash(): Promise<string> {
  const files: string[] = [...FILES];
  for (const dir of SOURCES) {
    const entries = await fs.readdir(path.join(ROOT, dir), { recursive: true }).catch(() => []);
    for (const e of entries) files.push(path.join(dir, String(e)));
  }
  const hash = crypto.createHash("sha256");
  for (const f of files.filter((f) => !SKIP.test(f)).sort()) {
    const content = await fs.readFile(path.join(ROOT, f)).catch(() => null);
    if (content) hash.update(f).update("\0").update(content);
  }
  return hash.digest("hex");
}

export async function ensureNextBuild(log: Logger): Promise<void> {
  const [current, built, buildId] = await Promise.all([
    sourceHash(),
    fs.readFile(HASH_FILE, "utf8").catch(() => ""),
    fs.readFile(path.join(ROOT, ".next", "BUILD_ID"), "utf8").catch(() => ""),
  ]);
  if (buildId && built.trim() === current) {
    log.info("production build is up to date");
    return;
  }
  log.info(
    buildId ? "sources changed since the last build: rebuilding" : "no production build yet: building",
  );
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`)),
    );
  });
  await fs.writeFile(HASH_FILE, current);
  log.info({ seconds: Math.round((Date.now() - started) / 1000) }, "production build ready");
}
