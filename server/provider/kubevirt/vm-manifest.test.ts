import { describe, expect, it } from "vitest";
import type { VMSpec } from "@/lib/domain/vm";
import { isAppError } from "@/lib/errors/app-error";
import { cpuQuantity, flattenOverrides, renderVMManifest } from "./vm-manifest";

const spec: VMSpec = {
  name: "dev-shop-redis-01",
  cpu: 2,
  memoryMb: 4096,
  image: "quay.io/containerdisks/fedora:41",
  labels: {
    "kubevirt-shepherd.io/system": "shop",
    "kubevirt-shepherd.io/service": "redis",
    "kubevirt-shepherd.io/instance": "01",
    "kubevirt-shepherd.io/managed-by": "someone-else",
  },
};

function refusal(s: VMSpec): string[] {
  try {
    renderVMManifest("dev", s);
  } catch (e) {
    if (isAppError(e, "VALIDATION_FAILED")) return (e.fieldErrors ?? []).map((f) => f.field);
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("renderVMManifest", () => {
  it("renders SPEC §5.3: runStrategy, canonical labels on VM and template, requests = limits", () => {
    const m = renderVMManifest("dev", spec);
    expect(m.apiVersion).toBe("kubevirt.io/v1");
    expect(m.metadata).toMatchObject({
      name: "dev-shop-redis-01",
      namespace: "dev",
      annotations: { "kubevirt-shepherd.io/fqdn": "dev-shop-redis-01.dev.svc.cluster.local" },
    });
    const labels = {
      ...spec.labels,
      "kubevirt-shepherd.io/managed-by": "kubevirt-shepherd",
      "kubevirt-shepherd.io/hostname": "dev-shop-redis-01",
    };
    expect(m.metadata?.labels).toEqual(labels);
    expect(m.spec?.template?.metadata?.labels).toEqual(labels);
    expect(m.spec?.runStrategy).toBe("Always");
    expect(m.spec).not.toHaveProperty("running");
    const domain = m.spec?.template?.spec?.domain;
    expect(domain?.cpu).toEqual({ cores: 2 });
    expect(domain?.memory).toEqual({ guest: "4096Mi" });
    expect(domain?.resources).toEqual({
      requests: { cpu: "2", memory: "4096Mi" },
      limits: { cpu: "2", memory: "4096Mi" },
    });
    expect(domain?.devices?.disks).toEqual([{ name: "rootdisk", disk: { bus: "virtio" } }]);
    expect(m.spec?.template?.spec?.volumes).toEqual([
      { name: "rootdisk", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
    ]);
  });

  it("keeps a given run strategy (updates)", () => {
    expect(renderVMManifest("dev", spec, { runStrategy: "Halted" }).spec?.runStrategy).toBe("Halted");
  });

  it("adds a datadisk emptyDisk and a PVC root disk", () => {
    const m = renderVMManifest("dev", { ...spec, image: "pvc:golden", diskGb: 20 });
    expect(m.spec?.template?.spec?.volumes).toEqual([
      { name: "rootdisk", persistentVolumeClaim: { claimName: "golden" } },
      { name: "datadisk", emptyDisk: { capacity: "20Gi" } },
    ]);
    expect(m.spec?.template?.spec?.domain?.devices?.disks?.map((d) => d.name)).toEqual([
      "rootdisk",
      "datadisk",
    ]);
  });

  it("uses overcommit requests when given", () => {
    const m = renderVMManifest("dev", { ...spec, cpuRequest: 0.5, memoryRequestMb: 2048 });
    expect(m.spec?.template?.spec?.domain?.resources).toEqual({
      requests: { cpu: "500m", memory: "2048Mi" },
      limits: { cpu: "2", memory: "4096Mi" },
    });
  });

  it("applies spec overrides as dotted paths or nested objects, into arrays by index", () => {
    const m = renderVMManifest("dev", {
      ...spec,
      specOverrides: {
        "spec.template.spec.domain.cpu.dedicatedCpuPlacement": true,
        spec: { template: { spec: { domain: { devices: { interfaces: { 0: { model: "e1000" } } } } } } },
        "spec.template.spec.nodeSelector": { "nvidia.com/gpu.present": "true" },
      },
    });
    const tspec = m.spec?.template?.spec;
    expect(tspec?.domain?.cpu).toEqual({ cores: 2, dedicatedCpuPlacement: true });
    expect(tspec?.domain?.devices?.interfaces).toEqual([{ name: "default", masquerade: {}, model: "e1000" }]);
    expect(tspec?.nodeSelector).toEqual({ "nvidia.com/gpu.present": "true" });
  });

  it.each<[string, Partial<VMSpec>, string[]]>([
    ["no name", { name: "" }, ["name"]],
    ["no image", { image: "" }, ["image"]],
    ["zero cpu", { cpu: 0 }, ["cpu"]],
    ["negative memory", { memoryMb: -1 }, ["memoryMb"]],
    ["fractional MiB", { memoryMb: 1.5 }, ["memoryMb"]],
    ["request above limit", { cpuRequest: 3 }, ["cpuRequest"]],
    ["a fractional disk", { diskGb: 1.5 }, ["diskGb"]],
    [
      "an override outside spec",
      { specOverrides: { "metadata.name": "x" } },
      ["specOverrides.metadata.name"],
    ],
    ["spec.running", { specOverrides: { spec: { running: true } } }, ["specOverrides.spec.running"]],
    ["a prototype path", { specOverrides: { "spec.__proto__.x": 1 } }, ["specOverrides.spec.__proto__.x"]],
  ])("refuses %s", (_case, over, fields) => {
    expect(refusal({ ...spec, ...over })).toEqual(fields);
  });
});

describe("helpers", () => {
  it("prints CPU quantities as Kubernetes does", () => {
    expect(cpuQuantity(2)).toBe("2");
    expect(cpuQuantity(0.25)).toBe("250m");
  });

  it("flattens nested overrides, splitting only top-level keys, with arrays and empty objects as leaves", () => {
    expect(flattenOverrides({ spec: { a: [1, 2], b: {}, c: { "x.io/y": 1 } }, "spec.e": 2 })).toEqual([
      { path: ["spec", "a"], value: [1, 2] },
      { path: ["spec", "b"], value: {} },
      { path: ["spec", "c", "x.io/y"], value: 1 },
      { path: ["spec", "e"], value: 2 },
    ]);
  });
});
