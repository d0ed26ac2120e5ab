import { describe, expect, it } from "vitest";
import {
  type VmAvailabilityInput,
  type VmStateFacts,
  vmActionAvailability,
  vmActionRefusal,
} from "./vm-action-availability";
import { VM_ACTIONS, type VmAction } from "./vm-actions";

const vmi = (phase = "RUNNING", extra: Partial<NonNullable<VmStateFacts["vmi"]>> = {}) => ({
  phase,
  paused: false,
  liveMigratable: { status: "True", message: null, reason: null },
  ...extra,
});
const running: VmStateFacts = {
  name: "web-01",
  status: "RUNNING",
  runStrategy: "Always",
  vmi: vmi(),
  activeMigration: null,
  snapshots: [
    { name: "snap-ready", readyToUse: true },
    { name: "snap-busy", readyToUse: false },
  ],
};
const stopped: VmStateFacts = { ...running, status: "STOPPED", runStrategy: "Halted", vmi: null };
const allFalse = Object.fromEntries(VM_ACTIONS.map((a) => [a, false])) as Record<VmAction, boolean>;

function input(vm: Partial<VmStateFacts>, over: Partial<VmAvailabilityInput> = {}): VmAvailabilityInput {
  return {
    vmId: "vm-1",
    vm: { ...running, ...vm },
    cluster: { name: "alpha", enabledFeatures: null, writeRefusal: null },
    unfinished: [],
    requiresApproval: allFalse,
    ...over,
  };
}
const code = (i: VmAvailabilityInput, a: VmAction, t?: { snapshot?: string }) =>
  vmActionRefusal(i, a, t)?.code ?? null;

describe("vmActionRefusal by state (KUBEVIRT-API §4.2–§4.6)", () => {
  const cases: [string, Partial<VmStateFacts>, VmAction, string | null][] = [
    // start
    ["start a stopped Halted VM", stopped, "start", null],
    ["start a running VM", {}, "start", "VM_ALREADY_RUNNING"],
    [
      "start a paused VM",
      { status: "PAUSED", vmi: vmi("RUNNING", { paused: true }) },
      "start",
      "VM_ALREADY_RUNNING",
    ],
    ["start a starting VM", { status: "CREATING", vmi: vmi("SCHEDULING") }, "start", "VM_IN_TRANSITION"],
    [
      "start with Always and no instance",
      { ...stopped, runStrategy: "Always", status: "FAILED" },
      "start",
      "VM_RUN_STRATEGY_REFUSES",
    ],
    ["start with Once", { ...stopped, runStrategy: "Once" }, "start", "VM_RUN_STRATEGY_REFUSES"],
    ["start with Manual", { ...stopped, runStrategy: "Manual" }, "start", null],
    ["start with RerunOnFailure", { ...stopped, runStrategy: "RerunOnFailure" }, "start", null],
    ["start with a final instance", { ...stopped, vmi: vmi("SUCCEEDED") }, "start", null],
    ["start while deleting", { status: "DELETING" }, "start", "VM_IN_TRANSITION"],
    // stop
    ["stop a running Always VM", {}, "stop", null],
    ["stop a stopped VM", stopped, "stop", "VM_ALREADY_STOPPED"],
    ["stop a crash-looping Always VM (no instance)", { status: "FAILED", vmi: null }, "stop", null],
    ["stop a running Once VM", { runStrategy: "Once" }, "stop", null],
    ["stop a running Manual VM", { runStrategy: "Manual" }, "stop", null],
    [
      "stop a Manual VM without instance",
      { ...stopped, runStrategy: "Manual", status: "FAILED" },
      "stop",
      "VM_NOT_RUNNING",
    ],
    [
      "stop a Halted VM still stopping",
      { runStrategy: "Halted", status: "STOPPING" },
      "stop",
      "VM_IN_TRANSITION",
    ],
    [
      "stop a Halted VM whose instance lingers",
      { runStrategy: "Halted", status: "RUNNING" },
      "stop",
      "VM_IN_TRANSITION",
    ],
    ["stop while deleting", { status: "DELETING" }, "stop", "VM_IN_TRANSITION"],
    ["stop a WaitAsReceiver VM", { runStrategy: "WaitAsReceiver" }, "stop", "VM_RUN_STRATEGY_REFUSES"],
    // force stop
    ["force-stop a stopping Halted VM", { runStrategy: "Halted", status: "STOPPING" }, "force-stop", null],
    ["force-stop a stopped VM", stopped, "force-stop", "VM_ALREADY_STOPPED"],
    ["force-stop a running VM", {}, "force-stop", null],
    ["force-stop while deleting", { status: "DELETING" }, "force-stop", "VM_IN_TRANSITION"],
    // restart
    ["restart a running Always VM", {}, "restart", null],
    ["restart a running Manual VM", { runStrategy: "Manual" }, "restart", null],
    ["restart a Halted VM", stopped, "restart", "VM_RUN_STRATEGY_REFUSES"],
    ["restart a Once VM", { runStrategy: "Once" }, "restart", "VM_RUN_STRATEGY_REFUSES"],
    [
      "restart a Manual VM without instance",
      { ...stopped, runStrategy: "Manual" },
      "restart",
      "VM_NOT_RUNNING",
    ],
    ["restart a migrating VM", { status: "MIGRATING" }, "restart", "VM_IN_TRANSITION"],
    // pause / unpause
    ["pause a running VM", {}, "pause", null],
    [
      "pause a paused VM",
      { status: "PAUSED", vmi: vmi("RUNNING", { paused: true }) },
      "pause",
      "VM_ALREADY_PAUSED",
    ],
    ["pause a stopped VM", stopped, "pause", "VM_NOT_RUNNING"],
    ["pause a starting VM", { status: "CREATING", vmi: vmi("SCHEDULED") }, "pause", "VM_IN_TRANSITION"],
    ["unpause a paused VM", { status: "PAUSED", vmi: vmi("RUNNING", { paused: true }) }, "unpause", null],
    ["unpause a running VM", {}, "unpause", "VM_NOT_PAUSED"],
    ["unpause a stopped VM", stopped, "unpause", "VM_NOT_PAUSED"],
    // migrate / cancel
    ["migrate a running VM", {}, "migrate", null],
    ["migrate a stopped VM", stopped, "migrate", "VM_NOT_RUNNING"],
    [
      "migrate during a migration",
      { activeMigration: "kubevirt-migrate-vm-x" },
      "migrate",
      "VM_MIGRATION_IN_PROGRESS",
    ],
    ["migrate a MIGRATING VM", { status: "MIGRATING" }, "migrate", "VM_MIGRATION_IN_PROGRESS"],
    [
      "migrate a non-migratable VM",
      {
        vmi: vmi("RUNNING", {
          liveMigratable: {
            status: "False",
            message: "cannot migrate VMI: PVC is not shared",
            reason: "DisksNotLiveMigratable",
          },
        }),
      },
      "migrate",
      "VM_NOT_MIGRATABLE",
    ],
    ["cancel a migration", { status: "MIGRATING", activeMigration: "m1" }, "cancel-migration", null],
    ["cancel without migration", {}, "cancel-migration", "VM_NO_ACTIVE_MIGRATION"],
    // snapshots, restore, clone, delete
    ["snapshot a running VM", {}, "snapshot", null],
    ["snapshot a stopped VM", stopped, "snapshot", null],
    ["snapshot a deleting VM", { status: "DELETING" }, "snapshot", "VM_IN_TRANSITION"],
    ["restore a stopped VM", stopped, "restore", null],
    ["restore a running VM", {}, "restore", "VM_MUST_BE_STOPPED"],
    ["restore a stopping VM", { status: "STOPPING", runStrategy: "Halted" }, "restore", "VM_MUST_BE_STOPPED"],
    ["clone a running VM", {}, "clone", null],
    ["clone a deleting VM", { status: "DELETING" }, "clone", "VM_IN_TRANSITION"],
    ["delete a running VM", {}, "delete", null],
    ["delete a stopped VM", stopped, "delete", null],
    ["delete a deleting VM", { status: "DELETING" }, "delete", "VM_IN_TRANSITION"],
    ["delete a snapshot of a running VM", {}, "delete-snapshot", null],
  ];
  it.each(cases)("%s", (_, vm, action, expected) => {
    expect(code(input(vm), action)).toBe(expected);
  });

  it("gives the LiveMigratable condition's message and the run strategy as params", () => {
    const lm = { status: "False", message: "cannot migrate VMI: PVC is not shared", reason: "X" };
    expect(vmActionRefusal(input({ vmi: vmi("RUNNING", { liveMigratable: lm }) }), "migrate")).toEqual({
      code: "VM_NOT_MIGRATABLE",
      params: { name: "web-01", k8s_message: "cannot migrate VMI: PVC is not shared" },
    });
    expect(vmActionRefusal(input(stopped), "restart")).toEqual({
      code: "VM_RUN_STRATEGY_REFUSES",
      params: { name: "web-01", action: "restart", run_strategy: "Halted" },
    });
    expect(vmActionRefusal(input({ status: "STOPPING" }), "start")).toEqual({
      code: "VM_IN_TRANSITION",
      params: { name: "web-01", status: "STOPPING" },
    });
  });
});

describe("vmActionRefusal by target snapshot", () => {
  it.each([
    ["restore", "snap-ready", null],
    ["restore", "snap-busy", "SNAPSHOT_NOT_READY"],
    ["restore", "gone", "SNAPSHOT_NOT_FOUND"],
    ["clone", "snap-ready", null],
    ["clone", "snap-busy", "SNAPSHOT_NOT_READY"],
    ["clone", "gone", "SNAPSHOT_NOT_FOUND"],
    ["delete-snapshot", "snap-busy", null],
    ["delete-snapshot", "gone", "SNAPSHOT_NOT_FOUND"],
  ] as const)("%s from %s → %s", (action, snapshot, expected) => {
    expect(code(input(stopped), action, { snapshot })).toBe(expected);
  });

  it("names the snapshot in the params", () => {
    expect(vmActionRefusal(input(stopped), "restore", { snapshot: "gone" })).toEqual({
      code: "SNAPSHOT_NOT_FOUND",
      params: { name: "gone" },
    });
  });
});

describe("vmActionRefusal by cluster", () => {
  it.each([
    ["snapshot", "Snapshot"],
    ["restore", "Snapshot"],
    ["clone", "Snapshot"],
    ["migrate", "LiveMigration"],
  ] as const)("%s needs the %s gate when gates were detected", (action, gate) => {
    const vm = action === "restore" ? stopped : running;
    const cluster = { name: "alpha", enabledFeatures: ["DataVolumes"], writeRefusal: null };
    expect(vmActionRefusal(input(vm, { cluster }), action)).toEqual({
      code: "PROVIDER_NOT_SUPPORTED",
      params: { capability: gate, cluster: "alpha" },
    });
    const withGate = { ...cluster, enabledFeatures: [gate] };
    expect(vmActionRefusal(input(vm, { cluster: withGate }), action)).toBeNull();
  });

  it("refuses every allowed verb with the cluster's write refusal, after the state", () => {
    const writeRefusal = { code: "CLUSTER_REBUILDING" as const, params: { cluster: "alpha" } };
    const i = input({}, { cluster: { name: "alpha", enabledFeatures: null, writeRefusal } });
    expect(code(i, "stop")).toBe("CLUSTER_REBUILDING");
    expect(code(i, "start")).toBe("VM_ALREADY_RUNNING");
  });
});

describe("vmActionRefusal by unfinished tasks", () => {
  it("refuses a verb that is running with VM_OPERATION_IN_PROGRESS, force-stop sharing stop's key", () => {
    const i = input(
      {},
      { unfinished: [{ action: "stop", task_id: "t1", ticket_id: null, status: "PROCESSING" }] },
    );
    expect(vmActionRefusal(i, "stop")).toEqual({
      code: "VM_OPERATION_IN_PROGRESS",
      params: { operation: "STOP_VM", existing_task_id: "t1" },
    });
    expect(code(i, "force-stop")).toBe("VM_OPERATION_IN_PROGRESS");
    expect(code(i, "restart")).toBeNull();
  });

  it("refuses a verb waiting for approval with DUPLICATE_PENDING_REQUEST", () => {
    const i = input(
      {},
      { unfinished: [{ action: "restart", task_id: "t2", ticket_id: "k2", status: "PENDING" }] },
    );
    expect(vmActionRefusal(i, "restart")).toEqual({
      code: "DUPLICATE_PENDING_REQUEST",
      params: { resource_id: "vm-1", operation: "RESTART_VM", existing_ticket_id: "k2" },
    });
  });

  it("tells snapshot deletions apart by snapshot", () => {
    const i = input(
      {},
      {
        unfinished: [
          {
            action: "delete-snapshot",
            snapshot: "snap-ready",
            task_id: "t3",
            ticket_id: null,
            status: "PROCESSING",
          },
        ],
      },
    );
    expect(code(i, "delete-snapshot", { snapshot: "snap-ready" })).toBe("VM_OPERATION_IN_PROGRESS");
    expect(code(i, "delete-snapshot", { snapshot: "snap-busy" })).toBeNull();
  });
});

describe("vmActionAvailability", () => {
  it("answers every verb, with the policy's approval flag", () => {
    const requiresApproval = { ...allFalse, stop: true, delete: true };
    const record = vmActionAvailability(input({}, { requiresApproval }));
    expect(Object.keys(record).sort()).toEqual([...VM_ACTIONS].sort());
    expect(record.stop).toEqual({ allowed: true, requires_approval: true, reason: null });
    expect(record.start).toEqual({
      allowed: false,
      requires_approval: false,
      reason: { code: "VM_ALREADY_RUNNING", params: { name: "web-01" } },
    });
  });
});
