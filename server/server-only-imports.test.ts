// Every server module the web process can load carries `import "server-only"`, so a client component that
// reaches for one fails the build instead of shipping server code (and secrets) to the browser (STYLE item 13).
// The allow-list names the pure modules that tools outside Next.js (the launcher, benchmarks) also load,
// where the marker would throw; each entry says why it is safe.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lackingServerOnly, webReachableServerFiles } from "./testing/server-only-scan";

const ROOT = path.resolve(import.meta.dirname, "..");

const PURE_MODULES: Record<string, string> = {
  "server/config.ts": "parses the environment; the launcher (scripts/start.ts) loads it outside Next.js",
  "server/log.ts": "builds a pino logger; the launcher loads it",
  "server/auth/endpoint-meta.ts": "a symbol and a type, read by the authorization-matrix scan",
  "server/provider/kubevirt/mapper.ts": "pure functions over wire objects; benchmarks load them",
  "server/provider/kubevirt/mapper-common.ts": "part of the pure mapper",
  "server/provider/kubevirt/mapper-devices.ts": "part of the pure mapper",
  "server/provider/kubevirt/mapper-objects.ts": "part of the pure mapper",
  "server/provider/kubevirt/mapper-resources.ts": "part of the pure mapper",
  "server/provider/kubevirt/mapper-status.ts": "part of the pure mapper",
  "server/provider/kubevirt/mapper-vmi.ts": "part of the pure mapper",
  "server/provider/kubevirt/selectors.ts": "pure selectors of the mapper",
  "server/provider/kubevirt/wire.ts": "KubeVirt wire types only",
};

describe("server-only marker", () => {
  const reachable = webReachableServerFiles(ROOT);

  it("finds the web's server modules (the scan works)", () => {
    expect(reachable).toContain("server/web-context.ts");
    expect(reachable).toContain("server/auth/define-route.ts");
    expect(reachable.length).toBeGreaterThan(50);
  });

  it("is on every web-reachable server module outside the allow-list", () => {
    const missing = lackingServerOnly(ROOT, reachable).filter((file) => !(file in PURE_MODULES));
    expect(missing).toEqual([]);
  });

  it("lists only modules that exist, are reachable and really lack the marker", () => {
    const lacking = new Set(lackingServerOnly(ROOT, reachable));
    expect(Object.keys(PURE_MODULES).filter((file) => !lacking.has(file))).toEqual([]);
  });
});
