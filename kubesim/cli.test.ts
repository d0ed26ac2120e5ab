import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { parseArgs, startClusters } from "./cli.ts";

describe("CLI", () => {
  it("parses flags for one cluster and rejects unknown options", () => {
    const a = parseArgs([
      "--port",
      "7000",
      "--profile",
      "legacy",
      "--https",
      "--step-delay=5",
      "--kubeconfig",
      "/tmp/x",
    ]);
    expect(a.clusters).toEqual([
      expect.objectContaining({
        name: "kubesim",
        port: 7000,
        profile: "legacy",
        https: true,
        stepDelayMs: 5,
      }),
    ]);
    expect(a.kubeconfig).toBe("/tmp/x");
    expect(() => parseArgs(["--bogus"])).toThrow(/unknown option --bogus/);
    expect(() => parseArgs(["--port", "-1"])).toThrow();
  });

  it("--config starts several clusters on their own ports and writes one kubeconfig with a context each", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubesim-cli-"));
    const cfg = join(dir, "clusters.yaml");
    const kcFile = join(dir, "kubeconfig");
    writeFileSync(
      cfg,
      "clusters:\n  - name: alpha\n    profile: empty\n    stepDelayMs: 0\n  - name: beta\n    profile: legacy\n    vmCount: 3\n    stepDelayMs: 0\n",
    );
    const running = await startClusters(parseArgs(["--config", cfg, "--kubeconfig", kcFile]));
    try {
      const kc = new k8s.KubeConfig();
      kc.loadFromString(readFileSync(kcFile, "utf8"));
      expect(kc.getContexts().map((c) => c.name)).toEqual(["alpha", "beta"]);
      const servers = kc.getClusters().map((c) => c.server);
      expect(new Set(servers).size).toBe(2);
      kc.setCurrentContext("beta");
      const vms = (await kc
        .makeApiClient(k8s.CustomObjectsApi)
        .listClusterCustomObject({ group: "kubevirt.io", version: "v1", plural: "virtualmachines" })) as {
        items: unknown[];
      };
      expect(vms.items).toHaveLength(3);
    } finally {
      await running.stop();
    }
  });
});
