import { describe, expect, it } from "vitest";
import {
  type CompatibilityCluster,
  compatibilityClusterOf,
  filterCompatibleClusters,
} from "./cluster-compatibility";

const cluster = (
  name: string,
  over: Partial<Omit<CompatibilityCluster, "capabilities">> & { caps?: string[] } = {},
): CompatibilityCluster => ({
  id: name,
  name,
  environment: over.environment ?? "prod",
  status: over.status ?? "HEALTHY",
  enabled: over.enabled ?? true,
  capabilities: new Set(over.caps ?? ["livemigration", "snapshot"]),
});

describe("filterCompatibleClusters", () => {
  const clusters = [
    cluster("gpu", { caps: ["gpu", "gpu:nvidia.com/gpu", "snapshot", "livemigration"] }),
    cluster("plain"),
    cluster("down", { status: "UNREACHABLE", caps: ["gpu"] }),
    cluster("off", { enabled: false, caps: ["gpu"] }),
    cluster("test-gpu", { environment: "test", caps: ["gpu"] }),
  ];

  it("offers the enabled, healthy clusters of the environment that meet every requirement", () => {
    const r = filterCompatibleClusters(clusters, ["gpu", "Snapshot"], { environment: "prod" });
    expect(r.compatible.map((c) => c.name)).toEqual(["gpu"]);
    expect(Object.fromEntries(r.incompatible.map((i) => [i.cluster.name, i.reasons]))).toEqual({
      plain: [{ code: "MISSING_CAPABILITIES", missing: ["gpu"] }],
      down: [
        { code: "UNHEALTHY", status: "UNREACHABLE" },
        { code: "MISSING_CAPABILITIES", missing: ["snapshot"] },
      ],
      off: [{ code: "DISABLED" }, { code: "MISSING_CAPABILITIES", missing: ["snapshot"] }],
      "test-gpu": [
        { code: "WRONG_ENVIRONMENT", environment: "test", required: "prod" },
        { code: "MISSING_CAPABILITIES", missing: ["snapshot"] },
      ],
    });
  });

  it("without requirements only health, enablement and environment matter", () => {
    const r = filterCompatibleClusters(clusters, [], { environment: "prod" });
    expect(r.compatible.map((c) => c.name)).toEqual(["gpu", "plain"]);
  });

  it("reads a stored row: detected gates, hardware and admin-declared capabilities", () => {
    const c = compatibilityClusterOf({
      id: "x",
      name: "x",
      environment: "prod",
      status: "HEALTHY",
      enabled: true,
      enabledFeatures: ["LiveMigration", "GPU"],
      hardwareCapabilities: { gpu: false, hugepages: true, "hugepages:2mi": true, sriov: false },
      adminDeclaredCapabilities: ["sriov"],
    });
    expect([...c.capabilities].sort()).toEqual(["hugepages", "hugepages:2mi", "livemigration", "sriov"]);
    const r = filterCompatibleClusters([c], ["gpu"], { environment: "prod" });
    expect(r.incompatible[0]?.reasons).toEqual([{ code: "MISSING_CAPABILITIES", missing: ["gpu"] }]);
  });

  it("counts capabilities declared through the admin API ({capabilities, note, updated_by, updated_at})", () => {
    const c = compatibilityClusterOf({
      id: "y",
      name: "y",
      environment: "prod",
      status: "HEALTHY",
      enabled: true,
      enabledFeatures: [],
      hardwareCapabilities: { gpu: false, sriov: false, hugepages: false },
      adminDeclaredCapabilities: {
        capabilities: ["sriov", "hugepages:1Gi", "gpu:nvidia.com/a100"],
        note: "rack 4",
        updated_by: "admin",
        updated_at: "2026-11-28T10:00:00.000Z",
      },
    });
    const r = filterCompatibleClusters([c], ["sriov", "hugepages-1Gi", "nvidia.com/a100"], {
      environment: "prod",
    });
    expect(r.compatible.map((x) => x.name)).toEqual(["y"]);
  });
});
