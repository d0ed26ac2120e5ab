// `npm test`: every check a change must pass, in order, with one summary line at the end
// ("N passed, N failed", the line CI reads). Steps: Chromium present, type check, lint, vitest (unit +
// integration on a real PostgreSQL), production build, Playwright against the real product.
// A step that fails without running tests (type check, lint, build) counts as one failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, ".data", "test-results");
const BIN = path.join(ROOT, "node_modules", ".bin");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

let passed = 0;
let failed = 0;
const lines: string[] = [];

function run(title: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  lines.push(`${ok ? "ok  " : "FAIL"} ${title} (${Math.round((Date.now() - started) / 1000)} s)`);
  return ok;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

try {
  ensureChromium();
  lines.push("ok   chromium present");
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  lines.push("FAIL chromium missing");
  failed++;
}

// next typegen writes the route types (PageProps, LayoutProps) that a build would, so tsc can run first.
if (
  !run("route types (next typegen)", path.join(BIN, "next"), ["typegen"]) ||
  !run("type check (tsc --noEmit)", path.join(BIN, "tsc"), ["--noEmit", "-p", "tsconfig.json"])
)
  failed++;
if (!run("lint and format (biome check)", path.join(BIN, "biome"), ["check", "."])) failed++;

const vitestJson = path.join(OUT, "vitest.json");
run("unit and integration tests (vitest)", path.join(BIN, "vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTests: number }>(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  // A suite that crashed before its tests ran reports no failed test: count it.
  if (v.numTotalTests === 0) failed++;
} else failed++;

if (run("production build (next build)", path.join(BIN, "next"), ["build"])) {
  const pwJson = path.join(OUT, "playwright.json");
  fs.rmSync(path.join(ROOT, ".data", "e2e"), { recursive: true, force: true });
  run("end-to-end tests (playwright)", path.join(BIN, "playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  const p = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
    pwJson,
  );
  if (p) {
    passed += p.stats.expected;
    failed += p.stats.unexpected + p.stats.flaky + p.stats.skipped;
  } else failed++;
} else failed++;

console.log(`\n━━ summary\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
