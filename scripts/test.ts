// `npm test`: every check a change must pass, in order, with one summary line at the end
// ("N passed, N failed", the line CI reads). Steps: Chromium present, route types + type check, lint,
// vitest (unit + integration on a real PostgreSQL), production build, Playwright against the real product.
// A step that fails without running tests (type check, lint, build, a crashed runner) counts as one failure.
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
  const r = spawnSync(path.join(BIN, cmd), args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...env, ...extraEnv },
  });
  const ok = r.status === 0;
  lines.push(`${ok ? "ok  " : "FAIL"} ${title} (${Math.round((Date.now() - started) / 1000)} s)`);
  return ok;
}

/**
 * Adds a runner's counts. A runner that failed without a failing test (a crashed global setup, a web
 * server that never came up) or that ran nothing counts as one failure, so such a run can never pass.
 */
function count(exitedOk: boolean, passedHere: number, failedHere: number): void {
  passed += passedHere;
  failed += failedHere;
  if ((!exitedOk && failedHere === 0) || passedHere + failedHere === 0) failed++;
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

// next typegen writes the route types (PageProps, LayoutProps) a build would, so tsc can run first.
if (
  !run("route types (next typegen)", "next", ["typegen"]) ||
  !run("type check (tsc)", "tsc", ["--noEmit"])
) {
  failed++;
}
if (!run("lint and format (biome check)", "biome", ["check", "."])) failed++;

const vitestJson = path.join(OUT, "vitest.json");
const vitestOk = run("unit and integration tests (vitest)", "vitest", [
  "run",
  "--coverage", // thresholds in vitest.config.ts (the KubeVirt mapper) fail the run when not met
  "--coverage.reporter=text-summary",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestJson);
count(vitestOk, v?.numPassedTests ?? 0, v?.numFailedTests ?? 0);

if (run("production build (next build)", "next", ["build"])) {
  const pwJson = path.join(OUT, "playwright.json");
  fs.rmSync(path.join(ROOT, ".data", "e2e"), { recursive: true, force: true });
  const ok = run("end-to-end tests (playwright)", "playwright", ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  type Stats = { expected: number; unexpected: number; flaky: number; skipped: number };
  const s = readJson<{ stats: Stats }>(pwJson)?.stats;
  count(ok, s?.expected ?? 0, s ? s.unexpected + s.flaky + s.skipped : 0);
} else failed++;

console.log(`\n━━ summary\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
