// Mapper tables over objects recorded from kubesim (fixtures/kubesim-recorded.json, re-record with
// fixtures/record.ts). Statuses kubesim does not produce are the recorded objects with the status fields
// replaced, written out in each row.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CloneSourceKind,
  CloneStatus,
  MigrationPhase,
  RestoreStatus,
  SnapshotStatus,
  VMIPhase,
  VMStatus,
} from "@/lib/domain";
import { isAppError } from "@/lib/errors/app-error";
import {
  type MapContext,
  mapClone,
  mapInstanceType,
  mapMigration,
  mapPreference,
  mapRestore,
  mapSnapshot,
  mapVM,
  mapVMI,
  mapVMList,
  readGovernance,
} from "./mapper";
import { PRINTABLE_STATUS } from "./mapper-status";
import { parseQuantity } from "./selectors";

type Json = Record<string, unknown>;
const recorded = JSON.parse(
  readFileSync(new URL("./fixtures/kubesim-recorded.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const ctx: MapContext = { cluster: "c1" };

/** A deep copy of a recorded fixture. */
function fx<T = Json>(key: string): T {
  const v = recorded[key];
  if (v === undefined) throw new Error(`no fixture ${key}`);
  return structuredClone(v) as T;
}
const pair = (key: string) => fx<{ vm: Json; vmi: Json | null }>(key);
const cond = (type: string, status: string, reason?: string, message?: string) => ({
  type,
  status,
  ...(reason === undefined ? {} : { reason }),
  ...(message === undefined ? {} : { message }),
  lastProbeTime: null,
  lastTransitionTime: "2026-01-01T00:00:00Z",
});
function setPath(obj: Json, path: string[], value: unknown): Json {
  let cur: Json = obj;
  for (const key of path.slice(0, -1)) {
    if (typeof cur[key] !== "object" || cur[key] === null) cur[key] = {};
    cur = cur[key] as Json;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return obj;
}
/** The recorded running VM (and VMI) with status fields replaced. */
function runningWith(vmStatus: Json, vmiStatus?: Json): { vm: Json; vmi: Json | null } {
  const p = pair("seed-running");
  p.vm.status = { ...(p.vm.status as Json), ...vmStatus };
  if (vmiStatus !== undefined && p.vmi !== null) p.vmi.status = { ...(p.vmi.status as Json), ...vmiStatus };
  return p;
}

describe("mapVM — printableStatus (KUBEVIRT-API §4.1)", () => {
  // [printableStatus, fixture pair, status, statusReason, message fragment]
  it.each<[string, () => { vm: Json; vmi: Json | null }, string, string | undefined, string | undefined]>([
    ["Stopped", () => pair("seed-stopped"), VMStatus.STOPPED, undefined, undefined],
    ["Provisioning", () => pair("dv-Provisioning"), VMStatus.CREATING, undefined, undefined],
    ["Starting", () => pair("life-Starting"), VMStatus.CREATING, undefined, undefined],
    ["Running", () => pair("life-Running"), VMStatus.RUNNING, undefined, undefined],
    ["Paused", () => pair("life-Paused"), VMStatus.PAUSED, undefined, undefined],
    ["Stopping", () => pair("life-Stopping"), VMStatus.STOPPING, undefined, undefined],
    ["Terminating", () => pair("delete-Terminating"), VMStatus.DELETING, undefined, undefined],
    ["Migrating", () => pair("life-Migrating"), VMStatus.MIGRATING, undefined, undefined],
    [
      "CrashLoopBackOff",
      () => pair("broken-crashloopbackoff-CrashLoopBackOff"),
      VMStatus.FAILED,
      "CrashLoopBackOff",
      "CrashLoopBackOff",
    ],
    [
      "ErrorUnschedulable",
      () => pair("broken-errorunschedulable-ErrorUnschedulable"),
      VMStatus.FAILED,
      "Unschedulable",
      "nodes are available",
    ],
    [
      "ErrImagePull",
      () => pair("broken-errimagepull-ErrImagePull"),
      VMStatus.FAILED,
      "ErrImagePull",
      "failed to pull",
    ],
    [
      "ImagePullBackOff",
      () => pair("broken-errimagepull-ImagePullBackOff"),
      VMStatus.FAILED,
      "ImagePullBackOff",
      "failed to pull",
    ],
    [
      "ErrorPvcNotFound",
      () => pair("broken-errorpvcnotfound-ErrorPvcNotFound"),
      VMStatus.FAILED,
      "FailedPvcNotFound",
      "does not exist",
    ],
    [
      "DataVolumeError",
      () => runningWith({ printableStatus: "DataVolumeError" }, { phase: "Pending", conditions: [] }),
      VMStatus.FAILED,
      "DataVolumeError",
      "DataVolume",
    ],
    [
      "ErrorDataVolumeNotFound",
      () => runningWith({ printableStatus: "ErrorDataVolumeNotFound" }),
      VMStatus.FAILED,
      "ErrorDataVolumeNotFound",
      "does not exist",
    ],
    [
      "WaitingForVolumeBinding",
      () =>
        runningWith(
          { printableStatus: "WaitingForVolumeBinding" },
          {
            phase: "Pending",
            conditions: [cond("DataVolumesReady", "False", "NotBound", "PVC root is not bound")],
          },
        ),
      VMStatus.PENDING,
      "NotBound",
      "not bound",
    ],
    [
      "WaitingForReceiver",
      () =>
        runningWith({ printableStatus: "WaitingForReceiver" }, { phase: "WaitingForSync", conditions: [] }),
      VMStatus.PENDING,
      "WaitingForReceiver",
      "decentralized migration",
    ],
    [
      "Unknown",
      () => runningWith({ printableStatus: "Unknown" }),
      VMStatus.UNKNOWN,
      "Unknown",
      "cannot obtain",
    ],
    [
      "FutureStatus (unrecognised)",
      () => runningWith({ printableStatus: "FutureStatus" }),
      VMStatus.UNKNOWN,
      "FutureStatus",
      'Unrecognised KubeVirt status "FutureStatus"',
    ],
  ])("%s", (printable, make, status, reason, message) => {
    const { vm, vmi } = make();
    const out = mapVM(vm, vmi, ctx);
    expect(out.status).toBe(status);
    expect(out.rawStatus).toBe(printable.split(" ")[0]);
    expect(out.statusReason).toBe(reason);
    if (message === undefined) expect(out.statusMessage).toBeUndefined();
    else expect(out.statusMessage).toContain(message);
  });

  it("the table covers every printableStatus of §4.1 plus ErrorDataVolumeNotFound", () => {
    expect([...PRINTABLE_STATUS.keys()].sort()).toEqual(
      [
        "Stopped",
        "Provisioning",
        "Starting",
        "Running",
        "Paused",
        "Stopping",
        "Terminating",
        "CrashLoopBackOff",
        "Migrating",
        "Unknown",
        "ErrorUnschedulable",
        "ErrImagePull",
        "ImagePullBackOff",
        "ErrorPvcNotFound",
        "DataVolumeError",
        "WaitingForVolumeBinding",
        "WaitingForReceiver",
        "ErrorDataVolumeNotFound",
      ].sort(),
    );
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "prototype key %j as printableStatus is an unknown value",
    (value) => {
      const { vm, vmi } = runningWith({ printableStatus: value });
      expect(mapVM(vm, vmi, ctx)).toMatchObject({ status: VMStatus.UNKNOWN, rawStatus: value });
    },
  );
});

describe("mapVM — conditions → statusMessage / statusReason", () => {
  it.each<[string, Json, Json | undefined, string | undefined, string | undefined]>([
    [
      "Failure=True on a running VM",
      { conditions: [cond("Ready", "True"), cond("Failure", "True", "FailedCreate", "pod quota exceeded")] },
      undefined,
      "FailedCreate",
      "pod quota exceeded",
    ],
    [
      "ManualRecoveryRequired wins over Failure",
      {
        conditions: [
          cond("Failure", "True", "FailedCreate", "x"),
          cond("ManualRecoveryRequired", "True", "VolumeMigrationFailed", "volume migration failed"),
        ],
      },
      undefined,
      "VolumeMigrationFailed",
      "volume migration failed",
    ],
    [
      "ManualRecoveryRequired without text gets a default message",
      { conditions: [cond("ManualRecoveryRequired", "True")] },
      undefined,
      "ManualRecoveryRequired",
      "Manual recovery is required",
    ],
    [
      "RestartRequired on a running VM",
      {
        conditions: [
          cond("Ready", "True"),
          cond("RestartRequired", "True", "RestartRequired", "a restart is needed"),
        ],
      },
      undefined,
      "RestartRequired",
      "a restart is needed",
    ],
    [
      "RestartRequired without text",
      { conditions: [cond("RestartRequired", "True")] },
      undefined,
      "RestartRequired",
      "take effect after a restart",
    ],
    [
      "RestartRequired=False is ignored",
      { conditions: [cond("RestartRequired", "False", "x", "y")] },
      undefined,
      undefined,
      undefined,
    ],
    [
      "Ready=False on a running VM",
      { conditions: [cond("Ready", "False", "GuestNotReady", "readiness probe failed")] },
      undefined,
      "GuestNotReady",
      "readiness probe failed",
    ],
    [
      "Ready=False with only a reason",
      { conditions: [cond("Ready", "False", "GuestNotReady")] },
      undefined,
      "GuestNotReady",
      "GuestNotReady",
    ],
    [
      "Ready=False VMINotExists says nothing",
      { conditions: [cond("Ready", "False", "VMINotExists", "VMI does not exist")] },
      undefined,
      undefined,
      undefined,
    ],
    [
      "Ready=False without reason or message says nothing",
      { conditions: [cond("Ready", "False")] },
      undefined,
      undefined,
      undefined,
    ],
    [
      "VMI Synchronized=False on a running VM",
      { conditions: [] },
      { conditions: [cond("Synchronized", "False", "SyncFailed", "virt-handler sync failed")] },
      "SyncFailed",
      "sync failed",
    ],
    [
      "VMI Ready=False on a running VM is not a problem on its own",
      { conditions: [] },
      { conditions: [cond("Ready", "False", "NotReady", "x")] },
      undefined,
      undefined,
    ],
    [
      "VMI Ready=False explains an Unknown VM",
      { printableStatus: "Unknown", conditions: [] },
      { conditions: [cond("Ready", "False", "NodeUnresponsive", "virt-handler on node-1 is unresponsive")] },
      "NodeUnresponsive",
      "unresponsive",
    ],
    [
      "VMI condition without text is skipped",
      { printableStatus: "ErrImagePull", conditions: [] },
      { conditions: [cond("Synchronized", "False")] },
      "ErrImagePull",
      "cannot be pulled",
    ],
    [
      "conditions that are not an array",
      { printableStatus: "ErrorUnschedulable", conditions: { type: "Failure" } },
      { conditions: "broken" },
      "ErrorUnschedulable",
      "cannot be scheduled",
    ],
    [
      "entries without type are dropped",
      {
        conditions: [
          { status: "True", message: "no type" },
          null,
          7,
          cond("Failure", "True", undefined, "typed"),
        ],
      },
      undefined,
      "Failure",
      "typed",
    ],
  ])("%s", (_name, vmStatus, vmiStatus, reason, message) => {
    const { vm, vmi } = runningWith(vmStatus, vmiStatus);
    const out = mapVM(vm, vmi, ctx);
    expect(out.statusReason).toBe(reason);
    if (message === undefined) expect(out.statusMessage).toBeUndefined();
    else expect(out.statusMessage).toContain(message);
  });

  it("a paused VM carries no error detail", () => {
    const { vm, vmi } = pair("life-Paused");
    expect(mapVM(vm, vmi, ctx).statusMessage).toBeUndefined();
  });
});

describe("mapVM — fallbacks without printableStatus (SPEC §8)", () => {
  const noPrintable = (vmiStatus: Json | null, spec: Json = {}, meta: Json = {}) => {
    const { vm, vmi } = pair("life-Running");
    setPath(vm, ["status", "printableStatus"], undefined);
    vm.spec = { ...(vm.spec as Json), ...spec };
    vm.metadata = { ...(vm.metadata as Json), ...meta };
    if (vmiStatus === null) return { vm, vmi: null };
    return { vm, vmi: { ...(vmi as Json), status: { ...((vmi as Json).status as Json), ...vmiStatus } } };
  };
  it.each<[string, Json | null, Json, Json, string, string | undefined]>([
    ["VMI Running", { phase: "Running" }, {}, {}, VMStatus.RUNNING, undefined],
    [
      "VMI Running + Paused",
      { phase: "Running", conditions: [cond("Paused", "True", "PausedByUser")] },
      {},
      {},
      VMStatus.PAUSED,
      undefined,
    ],
    ["VMI Pending", { phase: "Pending", conditions: [] }, {}, {}, VMStatus.CREATING, undefined],
    ["VMI Scheduling", { phase: "Scheduling", conditions: [] }, {}, {}, VMStatus.CREATING, undefined],
    ["VMI Scheduled", { phase: "Scheduled", conditions: [] }, {}, {}, VMStatus.CREATING, undefined],
    [
      "VMI Failed with reason",
      { phase: "Failed", reason: "PodFailed", conditions: [] },
      {},
      {},
      VMStatus.FAILED,
      "PodFailed",
    ],
    [
      "VMI Failed without reason",
      { phase: "Failed", conditions: [] },
      {},
      {},
      VMStatus.FAILED,
      "instance failed",
    ],
    ["VMI Succeeded", { phase: "Succeeded", conditions: [] }, {}, {}, VMStatus.STOPPED, undefined],
    ["VMI WaitingForSync", { phase: "WaitingForSync", conditions: [] }, {}, {}, VMStatus.PENDING, undefined],
    ["VMI Unknown, runStrategy Always", { phase: "Unknown" }, {}, {}, VMStatus.UNKNOWN, undefined],
    [
      "VMI phase unset, runStrategy Halted",
      { phase: "" },
      { runStrategy: "Halted" },
      {},
      VMStatus.STOPPED,
      undefined,
    ],
    ["no VMI, runStrategy Halted", null, { runStrategy: "Halted" }, {}, VMStatus.STOPPED, undefined],
    [
      "no VMI, running: false",
      null,
      { runStrategy: undefined, running: false },
      {},
      VMStatus.STOPPED,
      undefined,
    ],
    [
      "no VMI, running: true",
      null,
      { runStrategy: undefined, running: true },
      {},
      VMStatus.UNKNOWN,
      undefined,
    ],
    ["no VMI, runStrategy Manual", null, { runStrategy: "Manual" }, {}, VMStatus.UNKNOWN, undefined],
    [
      "deletionTimestamp set",
      { phase: "Running" },
      {},
      { deletionTimestamp: "2026-01-01T00:00:00Z" },
      VMStatus.DELETING,
      undefined,
    ],
  ])("%s", (_name, vmiStatus, spec, meta, status, message) => {
    const { vm, vmi } = noPrintable(vmiStatus, spec, meta);
    if (spec.runStrategy === undefined && "runStrategy" in spec) delete (vm.spec as Json).runStrategy;
    const out = mapVM(vm, vmi, ctx);
    expect(out.status).toBe(status);
    expect(out.rawStatus).toBeUndefined();
    if (message === undefined) expect(out.statusMessage).toBeUndefined();
    else expect(out.statusMessage).toContain(message);
  });

  it("status.runStrategy is used when the spec has neither field", () => {
    const { vm } = noPrintable(null);
    delete (vm.spec as Json).runStrategy;
    setPath(vm, ["status", "runStrategy"], "Halted");
    expect(mapVM(vm, null, ctx)).toMatchObject({ status: VMStatus.STOPPED, runStrategy: "Halted" });
  });

  it.each([
    [{ runStrategy: "Always" }, "Always"],
    [{ running: true }, "Always"],
    [{ running: false }, "Halted"],
    [{ runStrategy: "RerunOnFailure", running: true }, "RerunOnFailure"],
  ])("runStrategy from %j", (spec, expected) => {
    const { vm } = pair("seed-legacy");
    vm.spec = { ...spec, template: (vm.spec as Json).template };
    setPath(vm, ["status", "runStrategy"], undefined);
    expect(mapVM(vm, null, ctx).runStrategy).toBe(expected);
  });
});

describe("Kubernetes quantities", () => {
  it.each<[unknown, number | undefined]>([
    ["2Gi", 2 * 2 ** 30],
    ["512Mi", 512 * 2 ** 20],
    ["1G", 1e9],
    ["1500M", 1.5e9],
    ["2", 2],
    ["500m", 0.5],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["100k", 1e5],
    ["1Ki", 1024],
    ["1Ti", 2 ** 40],
    ["1e3", 1000],
    ["1E3", 1000],
    [".5", 0.5],
    [" 4Gi ", 4 * 2 ** 30],
    [2147483648, 2147483648],
    [0, 0],
    ["", undefined],
    ["Gi", undefined],
    ["2GiB", undefined],
    ["-1Gi", undefined],
    [-5, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ["1e400", undefined],
    [null, undefined],
    [{ value: 1 }, undefined],
    [["2Gi"], undefined],
    [true, undefined],
  ])("%j → %s", (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });
});

describe("mapVM — CPU, memory, disk, image", () => {
  const withDomain = (domain: unknown, volumes?: unknown) => {
    const { vm } = pair("seed-stopped");
    setPath(vm, ["spec", "template", "spec", "domain"], domain);
    if (volumes !== undefined) setPath(vm, ["spec", "template", "spec", "volumes"], volumes);
    return mapVM(vm, null, ctx);
  };
  it.each<[string, unknown, number, number]>([
    [
      "recorded topology + memory.guest",
      { cpu: { cores: 1, sockets: 1, threads: 1 }, memory: { guest: "2Gi" } },
      1,
      2048,
    ],
    [
      "cores × sockets × threads",
      { cpu: { cores: 2, sockets: 2, threads: 2 }, memory: { guest: "4Gi" } },
      8,
      4096,
    ],
    ["only sockets", { cpu: { sockets: 3 }, memory: { guest: "512Mi" } }, 3, 512],
    ["requests.cpu when no topology", { resources: { requests: { cpu: "2", memory: "1G" } } }, 2, 954],
    ["millicores", { resources: { requests: { cpu: "500m", memory: "1500M" } } }, 0.5, 1431],
    ["limits only", { resources: { limits: { cpu: 4, memory: "8Gi" } } }, 4, 8192],
    [
      "memory.guest wins over requests",
      { memory: { guest: "1Gi" }, resources: { requests: { memory: "2Gi" } } },
      1,
      1024,
    ],
    ["memory as a number of bytes", { memory: { guest: 268435456 } }, 1, 256],
    [
      "zero / negative topology ignored",
      { cpu: { cores: 0, sockets: -1 }, resources: { requests: { cpu: "3" } } },
      3,
      0,
    ],
    ["wrong-typed topology ignored", { cpu: { cores: "4" }, memory: { guest: ["2Gi"] } }, 1, 0],
    ["tiny memory rounds up to 1 MiB", { memory: { guest: "1k" } }, 1, 1],
    ["domain missing", undefined, 0, 0],
    ["domain is an array", [1, 2], 0, 0],
    ["cpu is a string", { cpu: "lots", memory: { guest: "2Gi" } }, 1, 2048],
  ])("%s", (_name, domain, cpu, memoryMb) => {
    const out = withDomain(domain);
    expect(out.cpu).toBe(cpu);
    expect(out.memoryMb).toBe(memoryMb);
  });

  it.each<[string, unknown, string | undefined, number | undefined]>([
    ["recorded containerDisk", undefined, "quay.io/containerdisks/fedora:41", undefined],
    [
      "PVC root disk + data disk",
      [
        { name: "datadisk", emptyDisk: { capacity: "20Gi" } },
        { name: "rootdisk", persistentVolumeClaim: { claimName: "root-pvc" } },
      ],
      "pvc:root-pvc",
      20,
    ],
    [
      "DataVolume root disk",
      [{ name: "rootdisk", dataVolume: { name: "root-dv" } }],
      "pvc:root-dv",
      undefined,
    ],
    [
      "no rootdisk: first image volume; first emptyDisk",
      [
        { name: "cloudinit", cloudInitNoCloud: {} },
        { name: "scratch", emptyDisk: { capacity: "512Mi" } },
        { name: "boot", containerDisk: { image: "img:1" } },
      ],
      "img:1",
      0.5,
    ],
    [
      "rootdisk without a source",
      [{ name: "rootdisk" }, { name: "x", containerDisk: { image: "img:2" } }],
      "img:2",
      undefined,
    ],
    ["bad capacity", [{ name: "datadisk", emptyDisk: { capacity: "huge" } }], undefined, undefined],
    ["volumes is an object", { rootdisk: { containerDisk: { image: "x" } } }, undefined, undefined],
    ["volume entries are junk", [null, 3, "rootdisk", { containerDisk: { image: 5 } }], undefined, undefined],
  ])("%s", (_name, volumes, image, diskGb) => {
    const { vm } = pair("seed-stopped");
    if (volumes !== undefined) setPath(vm, ["spec", "template", "spec", "volumes"], volumes);
    const out = mapVM(vm, null, ctx);
    expect(out.image).toBe(image);
    expect(out.diskGb).toBe(diskGb);
  });
});

describe("mapVM — instancetype-based VMs", () => {
  it("recorded VM: reference kept, sizing unknown without a VMI", () => {
    const { vm } = pair("instancetype-vm");
    expect(mapVM(vm, null, ctx)).toMatchObject({
      instanceType: { kind: "VirtualMachineClusterInstancetype", name: "u1.medium" },
      preference: { kind: "VirtualMachineClusterPreference", name: "fedora" },
      cpu: 0,
      memoryMb: 0,
    });
  });
  it("sizing comes from the VMI's expanded domain when running", () => {
    const { vm } = pair("instancetype-vm");
    const vmi = fx<Json>("vmi-Running");
    setPath(vmi, ["spec", "domain", "cpu"], { sockets: 2, cores: 1, threads: 1 });
    setPath(vmi, ["spec", "domain", "memory"], { guest: "4Gi" });
    expect(mapVM(vm, vmi, ctx)).toMatchObject({ cpu: 2, memoryMb: 4096 });
  });
  it("the VMI wins over leftovers in the template", () => {
    const { vm } = pair("instancetype-vm");
    setPath(vm, ["spec", "template", "spec", "domain", "resources"], { requests: { memory: "1Gi" } });
    const vmi = fx<Json>("vmi-Running");
    setPath(vmi, ["spec", "domain", "memory"], { guest: "4Gi" });
    expect(mapVM(vm, vmi, ctx).memoryMb).toBe(4096);
    expect(mapVM(vm, null, ctx).memoryMb).toBe(1024);
  });
  it.each<[unknown, unknown]>([
    [{ name: "u1.large" }, { kind: "VirtualMachineClusterInstancetype", name: "u1.large" }],
    [
      { name: "mine", kind: "VirtualMachineInstancetype" },
      { kind: "VirtualMachineInstancetype", name: "mine" },
    ],
    [{ name: "", kind: "VirtualMachineInstancetype" }, undefined],
    [
      { kind: 5, name: "x" },
      { kind: "VirtualMachineClusterInstancetype", name: "x" },
    ],
    ["u1.large", undefined],
    [null, undefined],
  ])("spec.instancetype %j", (ref, expected) => {
    const { vm } = pair("instancetype-vm");
    setPath(vm, ["spec", "instancetype"], ref);
    expect(mapVM(vm, null, ctx).instanceType).toEqual(expected);
  });
});

describe("mapVM — governance labels (SPEC §4)", () => {
  it("recorded Shepherd VM", () => {
    const { vm } = pair("seed-stopped");
    const out = mapVM(vm, null, ctx);
    expect(out.governance).toEqual({
      managed: true,
      system: "search",
      service: "api",
      instance: "18",
      ticketId: "TKT-10018",
      createdBy: "alice",
      hostname: "dev-search-api-18",
    });
    expect(out.instance).toBe("18");
    expect(out.annotations?.["kubevirt-shepherd.io/fqdn"]).toBe(
      "dev-search-api-18.default.svc.cluster.local",
    );
  });
  it("an unmanaged VM has none", () => {
    const { vm } = pair("seed-legacy");
    const out = mapVM(vm, null, ctx);
    expect(out.governance).toBeUndefined();
    expect(out.instance).toBeUndefined();
  });
  it.each<[string, unknown, unknown, unknown]>([
    [
      "template labels fill in missing keys",
      { "kubevirt-shepherd.io/system": "shop" },
      { "kubevirt-shepherd.io/system": "other", "kubevirt-shepherd.io/service": "redis" },
      { managed: false, system: "shop", service: "redis" },
    ],
    ["another manager", { "kubevirt-shepherd.io/managed-by": "someone" }, undefined, { managed: false }],
    [
      "empty values are absent",
      { "kubevirt-shepherd.io/system": "", "kubevirt-shepherd.io/instance": 3 },
      null,
      undefined,
    ],
    ["labels not an object", ["kubevirt-shepherd.io/system"], "x", undefined],
  ])("%s", (_name, vmLabels, templateLabels, expected) => {
    expect(readGovernance(vmLabels, templateLabels)).toEqual(expected);
  });
  it("serviceId from shepherd.io/service-id", () => {
    const { vm } = pair("seed-stopped");
    setPath(vm, ["metadata", "labels", "shepherd.io/service-id"], "svc-42");
    expect(mapVM(vm, null, ctx).serviceId).toBe("svc-42");
  });
});

describe("mapVM — runtime fields from the VMI", () => {
  it("recorded running VM", () => {
    const { vm, vmi } = pair("life-Running");
    const out = mapVM(vm, vmi, ctx);
    expect(out).toMatchObject({ id: "", cluster: "c1", ip: "10.244.0.13", nodeName: "node-1" });
    expect(out.startedAt).toBeInstanceOf(Date);
    expect(out.createdAt.getTime()).toBe(Date.parse((vm.metadata as Json).creationTimestamp as string));
  });
  it("ip from the first interface that has one; the latest Running transition", () => {
    const { vm, vmi } = pair("life-Running");
    setPath(
      vmi as Json,
      ["status", "interfaces"],
      [{ name: "sriov" }, { name: "default", ipAddresses: ["fd00::5", "10.0.0.5"] }],
    );
    setPath(
      vmi as Json,
      ["status", "phaseTransitionTimestamps"],
      [
        { phase: "Running", phaseTransitionTimestamp: "2026-01-01T00:00:00Z" },
        { phase: "Running", phaseTransitionTimestamp: "2026-02-01T00:00:00Z" },
        { phase: "Running", phaseTransitionTimestamp: "2025-02-01T00:00:00Z" },
        { phase: "Running", phaseTransitionTimestamp: "not a date" },
      ],
    );
    const out = mapVM(vm, vmi, ctx);
    expect(out.ip).toBe("fd00::5");
    expect(out.startedAt?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });
  it.each([null, undefined, "vmi", 42, [{}]])("a VMI of %j is ignored", (vmi) => {
    const { vm } = pair("life-Running");
    const out = mapVM(vm, vmi, ctx);
    expect(out.ip).toBeUndefined();
    expect(out.nodeName).toBeUndefined();
    expect(out.status).toBe(VMStatus.RUNNING);
  });
});

describe("metadata: only name and namespace are required", () => {
  const { vm } = pair("seed-stopped");
  it.each<[string, unknown, string]>([
    ["null", null, "metadata.name"],
    ["a string", "vm", "metadata.name"],
    ["no metadata", { spec: {} }, "metadata.name"],
    ["metadata is an array", { metadata: [] }, "metadata.name"],
    ["empty name", { ...vm, metadata: { name: "", namespace: "default" } }, "metadata.name"],
    ["blank name", { ...vm, metadata: { name: "  ", namespace: "default" } }, "metadata.name"],
    ["numeric name", { ...vm, metadata: { name: 7, namespace: "default" } }, "metadata.name"],
    ["no namespace", { ...vm, metadata: { name: "a" } }, "metadata.namespace"],
    ["namespace null", { ...vm, metadata: { name: "a", namespace: null } }, "metadata.namespace"],
  ])("%s → K8S_SCHEMA_INCOMPATIBLE", (_name, input, field) => {
    let thrown: unknown;
    try {
      mapVM(input, null, ctx);
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown, "K8S_SCHEMA_INCOMPATIBLE")).toBe(true);
    expect((thrown as { params: unknown }).params).toEqual({ cluster: "c1", kind: "VirtualMachine", field });
  });

  it("a bare VM (only metadata) still maps", () => {
    expect(mapVM({ metadata: { name: "a", namespace: "b" } }, null, ctx)).toEqual({
      id: "",
      name: "a",
      namespace: "b",
      cluster: "c1",
      cpu: 0,
      memoryMb: 0,
      status: VMStatus.UNKNOWN,
      createdAt: new Date(0),
    });
  });
  it("bad timestamps and non-string labels", () => {
    const out = mapVM(
      {
        metadata: {
          name: "a",
          namespace: "b",
          creationTimestamp: "yesterday",
          labels: { ok: "1", bad: 2 },
          annotations: [],
        },
      },
      null,
      ctx,
    );
    expect(out.createdAt.getTime()).toBe(0);
    expect(out.labels).toEqual({ ok: "1" });
    expect(out.annotations).toBeUndefined();
  });
});

describe("mapVMI", () => {
  it.each<[string, string]>([
    ["vmi-Pending", VMIPhase.PENDING],
    ["vmi-Scheduling", VMIPhase.SCHEDULING],
    ["vmi-Scheduled", VMIPhase.SCHEDULED],
    ["vmi-Running", VMIPhase.RUNNING],
    ["vmi-Succeeded", VMIPhase.SUCCEEDED],
  ])("recorded %s", (key, phase) => {
    const out = mapVMI(fx(key), ctx);
    expect(out.phase).toBe(phase);
    expect(out.rawPhase).toBeUndefined();
  });
  it.each<[unknown, string, string | undefined]>([
    ["Failed", VMIPhase.FAILED, undefined],
    ["WaitingForSync", VMIPhase.WAITING_FOR_SYNC, undefined],
    ["Unknown", VMIPhase.UNKNOWN, undefined],
    ["", VMIPhase.UNKNOWN, undefined],
    [undefined, VMIPhase.UNKNOWN, undefined],
    [3, VMIPhase.UNKNOWN, undefined],
    ["Hibernating", VMIPhase.UNKNOWN, "Hibernating"],
  ])("phase %j", (phase, expected, rawPhase) => {
    const vmi = fx<Json>("vmi-Running");
    setPath(vmi, ["status", "phase"], phase);
    const out = mapVMI(vmi, ctx);
    expect(out.phase).toBe(expected);
    expect(out.rawPhase).toBe(rawPhase);
  });
  it("recorded migrated VMI: node, IPs, guest OS, migration state, conditions", () => {
    const out = mapVMI(fx("vmi-migrated"), ctx);
    expect(out).toMatchObject({
      nodeName: "node-2",
      ips: ["10.244.0.13"],
      interfaces: [{ name: "default", ip: "10.244.0.13", ips: ["10.244.0.13"], mac: "02:4b:98:7e:df:3c" }],
      guestOS: { name: "Fedora Linux", version: "41", kernel: "6.11.4-301.fc41.x86_64", id: "fedora" },
      migrationState: { sourceNode: "node-1", targetNode: "node-2", completed: true, failed: false },
    });
    expect(out.conditions).toContainEqual({ type: "Ready", status: "True" });
    expect(out.migrationState?.endedAt).toBeInstanceOf(Date);
  });
  it("all IPs of all interfaces, de-duplicated", () => {
    const vmi = fx<Json>("vmi-Running");
    setPath(
      vmi,
      ["status", "interfaces"],
      [
        { name: "a", ipAddress: "10.0.0.1", ipAddresses: ["fd00::1", "10.0.0.1"] },
        { name: "b", ipAddresses: ["10.0.0.2", 5, "fd00::1"] },
        { name: 9, mac: ["x"] },
        "junk",
      ],
    );
    const out = mapVMI(vmi, ctx);
    expect(out.ips).toEqual(["10.0.0.1", "fd00::1", "10.0.0.2"]);
    expect(out.interfaces).toEqual([
      { name: "a", ip: "10.0.0.1", ips: ["10.0.0.1", "fd00::1"] },
      { name: "b", ip: "10.0.0.2", ips: ["10.0.0.2", "fd00::1"] },
      { ips: [] },
      { ips: [] },
    ]);
  });
  it("failed migration state; empty guest OS is absent", () => {
    const vmi = fx<Json>("vmi-Scheduling");
    setPath(vmi, ["status", "migrationState"], {
      failed: true,
      failureReason: "target pod failed",
      completed: "yes",
    });
    const out = mapVMI(vmi, ctx);
    expect(out.guestOS).toBeUndefined();
    expect(out.migrationState).toEqual({
      completed: false,
      failed: true,
      failureReason: "target pod failed",
    });
  });
  it("guestOS prefers prettyName and falls back to versionId / kernelVersion", () => {
    const vmi = fx<Json>("vmi-Running");
    setPath(vmi, ["status", "guestOSInfo"], {
      prettyName: "Fedora 41",
      name: "Fedora",
      versionId: "41",
      kernelVersion: "#1",
    });
    expect(mapVMI(vmi, ctx).guestOS).toEqual({ name: "Fedora 41", version: "41", kernel: "#1" });
  });
  it("missing name is K8S_SCHEMA_INCOMPATIBLE with kind VirtualMachineInstance", () => {
    expect(() => mapVMI({ metadata: { namespace: "x" } }, ctx)).toThrow(
      expect.objectContaining({
        code: "K8S_SCHEMA_INCOMPATIBLE",
        params: expect.objectContaining({ kind: "VirtualMachineInstance" }),
      }),
    );
  });
});

describe("mapVMList", () => {
  it("joins VMIs by namespace/name and skips broken VMs through onSkip", () => {
    const running = pair("life-Running");
    const stopped = pair("seed-legacy");
    const otherNs = structuredClone(running.vmi) as Json;
    setPath(otherNs, ["metadata", "namespace"], "elsewhere");
    setPath(otherNs, ["status", "nodeName"], "wrong-node");
    const skipped: unknown[] = [];
    const out = mapVMList(
      [running.vm, { metadata: { name: "" } }, stopped.vm, null],
      [otherNs, running.vmi, stopped.vmi, { metadata: {} }, "junk"],
      { cluster: "c1", onSkip: (error, raw) => skipped.push([error, raw]) },
    );
    expect(out.map((v) => [v.name, v.nodeName])).toEqual([
      ["dev-search-api-18", "node-1"],
      [(stopped.vm.metadata as Json).name, "gpu-node-1"],
    ]);
    expect(skipped).toHaveLength(2);
    expect(isAppError((skipped[0] as unknown[])[0], "K8S_SCHEMA_INCOMPATIBLE")).toBe(true);
  });
  it("skips silently without onSkip; non-array inputs are empty", () => {
    expect(mapVMList([null], [], ctx)).toEqual([]);
    expect(mapVMList("x" as unknown as unknown[], {} as unknown as unknown[], ctx)).toEqual([]);
  });
});

describe("mapSnapshot", () => {
  it.each<[string, string, boolean]>([
    ["snapshot-empty", SnapshotStatus.UNKNOWN, false],
    ["snapshot-InProgress", SnapshotStatus.IN_PROGRESS, false],
    ["snapshot-Succeeded", SnapshotStatus.SUCCEEDED, true],
  ])("recorded %s", (key, status, ready) => {
    expect(mapSnapshot(fx(key), ctx)).toMatchObject({
      name: "snap-1",
      namespace: "default",
      cluster: "c1",
      sourceVm: "dev-search-api-18",
      status,
      readyToUse: ready,
    });
  });
  it.each<[Json, string, string | undefined]>([
    [
      { phase: "Failed", error: { message: "deadline exceeded" } },
      SnapshotStatus.FAILED,
      "deadline exceeded",
    ],
    [{ phase: "Failed", conditions: [cond("Failure", "True", "Timeout")] }, SnapshotStatus.FAILED, "Timeout"],
    [{ phase: "Deleting", readyToUse: "true" }, SnapshotStatus.DELETING, undefined],
    [{ phase: "Unknown" }, SnapshotStatus.UNKNOWN, undefined],
    [{ phase: "Sideways", error: "not an object" }, SnapshotStatus.UNKNOWN, undefined],
  ])("status %j", (status, expected, error) => {
    const s = fx<Json>("snapshot-Succeeded");
    s.status = status;
    const out = mapSnapshot(s, ctx);
    expect(out.status).toBe(expected);
    expect(out.errorMessage).toBe(error);
    expect(out.readyToUse).toBe(false);
  });
  it("missing source name", () => {
    expect(mapSnapshot({ metadata: { name: "s", namespace: "n" }, spec: { source: [] } }, ctx).sourceVm).toBe(
      "",
    );
  });
});

describe("mapRestore", () => {
  it.each<[string, string, boolean]>([
    ["restore-empty", RestoreStatus.IN_PROGRESS, false],
    ["restore-progress", RestoreStatus.IN_PROGRESS, false],
    ["restore-complete", RestoreStatus.SUCCEEDED, true],
  ])("recorded %s", (key, status, complete) => {
    expect(mapRestore(fx(key), ctx)).toMatchObject({
      targetVm: "dev-search-api-18",
      snapshotName: "snap-1",
      status,
      complete,
    });
  });
  it.each<[Json, string, string | undefined]>([
    [
      { complete: false, conditions: [cond("Failure", "True", "RestoreFailed", "PVC restore failed")] },
      RestoreStatus.FAILED,
      "PVC restore failed",
    ],
    [{ complete: true, conditions: [cond("Failure", "True", "x", "y")] }, RestoreStatus.SUCCEEDED, undefined],
    [{ complete: "true" }, RestoreStatus.IN_PROGRESS, undefined],
  ])("status %j", (status, expected, error) => {
    const r = fx<Json>("restore-complete");
    r.status = status;
    const out = mapRestore(r, ctx);
    expect(out.status).toBe(expected);
    expect(out.errorMessage).toBe(error);
  });
  it("missing spec", () => {
    expect(mapRestore({ metadata: { name: "r", namespace: "n" } }, ctx)).toMatchObject({
      targetVm: "",
      snapshotName: "",
    });
  });
});

describe("mapClone", () => {
  it.each<[string, string]>([
    ["clone-empty", CloneStatus.PENDING],
    ["clone-SnapshotInProgress", CloneStatus.SNAPSHOT_IN_PROGRESS],
    ["clone-CreatingTargetVM", CloneStatus.CREATING_TARGET_VM],
    ["clone-RestoreInProgress", CloneStatus.RESTORE_IN_PROGRESS],
    ["clone-Succeeded", CloneStatus.SUCCEEDED],
  ])("recorded %s", (key, status) => {
    expect(mapClone(fx(key), ctx)).toMatchObject({
      source: { kind: CloneSourceKind.VM, name: "dev-search-api-18" },
      targetVm: "cloned-vm",
      status,
    });
  });
  it("recorded clone from a snapshot with a generated target", () => {
    const out = mapClone(fx("clone-from-snapshot"), ctx);
    expect(out.source).toEqual({ kind: CloneSourceKind.SNAPSHOT, name: "snap-1" });
    expect(out.targetVm).toMatch(/^clone-clone-from-snap-/);
  });
  it.each<[Json, string, string | undefined]>([
    [
      { phase: "Failed", conditions: [cond("Ready", "False", "Failed", "source VM not found")] },
      CloneStatus.FAILED,
      "source VM not found",
    ],
    [
      { phase: "Failed", conditions: [cond("Failure", "True", "SnapshotFailed")] },
      CloneStatus.FAILED,
      "SnapshotFailed",
    ],
    [{ phase: "Failed" }, CloneStatus.FAILED, undefined],
    [{ phase: "Unknown" }, CloneStatus.UNKNOWN, undefined],
    [
      { phase: "Teleporting", conditions: [cond("Ready", "False", "x", "not failed")] },
      CloneStatus.UNKNOWN,
      undefined,
    ],
  ])("status %j", (status, expected, error) => {
    const c = fx<Json>("clone-Succeeded");
    c.status = status;
    const out = mapClone(c, ctx);
    expect(out.status).toBe(expected);
    expect(out.errorMessage).toBe(error);
    expect(out.targetVm).toBe("cloned-vm");
  });
  it("no source, no target", () => {
    expect(mapClone({ metadata: { name: "c", namespace: "n" }, spec: null }, ctx)).toMatchObject({
      source: { kind: CloneSourceKind.VM, name: "" },
      targetVm: "",
      status: CloneStatus.PENDING,
    });
  });
});

describe("mapMigration", () => {
  it.each<[string, string]>([
    ["vmim-empty", MigrationPhase.PENDING],
    ["vmim-Pending", MigrationPhase.PENDING],
    ["vmim-Scheduling", MigrationPhase.SCHEDULING],
    ["vmim-Scheduled", MigrationPhase.SCHEDULED],
    ["vmim-PreparingTarget", MigrationPhase.PREPARING_TARGET],
    ["vmim-TargetReady", MigrationPhase.TARGET_READY],
    ["vmim-Running", MigrationPhase.RUNNING],
    ["vmim-Succeeded", MigrationPhase.SUCCEEDED],
  ])("recorded %s", (key, status) => {
    const out = mapMigration(fx(key), ctx);
    expect(out).toMatchObject({ vmName: "dev-search-api-18", status });
    expect(out.name).toMatch(/^kubevirt-migrate-vm-/);
    if (status === MigrationPhase.SUCCEEDED) expect(out.completedAt).toBeInstanceOf(Date);
    else expect(out.completedAt).toBeUndefined();
  });
  it.each<[Json, string, Json]>(
    [
      ["WaitingForSync", MigrationPhase.WAITING_FOR_SYNC, {}],
      ["Synchronizing", MigrationPhase.SYNCHRONIZING, {}],
      ["Warping", MigrationPhase.UNKNOWN, {}],
    ].map(([phase, status, extra]) => [{ phase }, status as string, extra as Json]),
  )("phase %j", (status, expected) => {
    const m = fx<Json>("vmim-Running");
    m.status = status;
    expect(mapMigration(m, ctx).status).toBe(expected);
  });
  it("failed migration with migrationState (KubeVirt ≥ v1.1)", () => {
    const m = fx<Json>("vmim-Running");
    m.status = {
      phase: "Failed",
      migrationState: {
        sourceNode: "node-1",
        targetNode: "node-2",
        failed: true,
        failureReason: "target pod evicted",
        endTimestamp: "2026-03-01T00:00:00Z",
      },
    };
    expect(mapMigration(m, ctx)).toMatchObject({
      status: MigrationPhase.FAILED,
      sourceNode: "node-1",
      targetNode: "node-2",
      errorMessage: "target pod evicted",
      completedAt: new Date("2026-03-01T00:00:00Z"),
    });
  });
  it("failed migration without detail; vm name from the label", () => {
    const m = fx<Json>("vmim-Running");
    m.spec = {};
    m.status = {
      phase: "Failed",
      conditions: "x",
      phaseTransitionTimestamps: [{ phase: "Failed", phaseTransitionTimestamp: 3 }],
    };
    expect(mapMigration(m, ctx)).toMatchObject({
      status: MigrationPhase.FAILED,
      errorMessage: "The migration failed",
      vmName: "dev-search-api-18",
    });
    expect(mapMigration(m, ctx).completedAt).toBeUndefined();
  });
});

describe("mapInstanceType / mapPreference", () => {
  it("recorded cluster instancetypes", () => {
    const out = fx<unknown[]>("cluster-instancetypes").map((o) => mapInstanceType(o, ctx));
    expect(out.map((i) => [i.name, i.cpu, i.memoryMb, i.namespace])).toEqual([
      ["u1.large", 2, 8192, undefined],
      ["u1.medium", 1, 4096, undefined],
      ["u1.small", 1, 2048, undefined],
      ["u1.xlarge", 4, 16384, undefined],
    ]);
  });
  it("recorded namespaced instancetype and preferences", () => {
    expect(mapInstanceType(fx("instancetype"), ctx)).toEqual({
      name: "team-large",
      namespace: "default",
      cpu: 4,
      memoryMb: 1536,
      labels: { team: "a" },
    });
    expect(mapPreference(fx("preference"), ctx)).toEqual({
      name: "team-pref",
      namespace: "default",
      annotations: { note: "x" },
    });
    expect(fx<unknown[]>("cluster-preferences").map((p) => mapPreference(p, ctx).name)).toContain("fedora");
  });
  it.each<[unknown, number, number]>([
    [{ cpu: { guest: "2" }, memory: { guest: "2Gi" } }, 0, 2048],
    [{ cpu: { guest: -1 }, memory: { guest: "-2Gi" } }, 0, 0],
    [{ cpu: 2.5, memory: null }, 0, 0],
    [null, 0, 0],
  ])("instancetype spec %j", (spec, cpu, memoryMb) => {
    expect(mapInstanceType({ metadata: { name: "x" }, spec }, ctx)).toMatchObject({ cpu, memoryMb });
  });
  it("name is still required", () => {
    expect(() => mapInstanceType({ metadata: {} }, ctx)).toThrow(
      expect.objectContaining({ code: "K8S_SCHEMA_INCOMPATIBLE" }),
    );
    expect(() => mapPreference(null, ctx)).toThrow(
      expect.objectContaining({ code: "K8S_SCHEMA_INCOMPATIBLE" }),
    );
  });
});
