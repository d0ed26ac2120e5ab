// KubeVirt's validating webhooks, as far as Shepherd can observe them: VM run-strategy rules, VMI spec
// immutability, migration preconditions, and the Snapshot gate on snapshot/restore/clone create (§4.2, §4.9).
import { parseKubeVirtVersion } from "./feature-gates.ts";
import { type KubeVirtInfo, RK } from "./kubevirt-info.ts";
import type { AdmissionPlugin, AdmissionRequest } from "./object-service.ts";
import type { ResourceStore } from "./resource-store.ts";
import { rkeyOf } from "./resource-type.ts";
import { type StatusCause, StatusError } from "./status-error.ts";
import { asRecord, deepEqual, getPath } from "./types.ts";
import { isFinal, RUN_STRATEGIES, runStrategyOf, vmiPhase } from "./vm-util.ts";

/** A webhook denial with causes: 422 Invalid, message prefixed as the apiserver does. */
function deny(webhook: string, causes: StatusCause[], name?: string): StatusError {
  return new StatusError(
    422,
    "Invalid",
    `admission webhook "${webhook}" denied the request: ${causes[0]?.message ?? ""}`,
    {
      name,
      causes: causes.map((c) => ({
        reason: c.reason ?? "FieldValueInvalid",
        message: c.message,
        field: c.field,
      })),
    },
  );
}

/** A webhook denial from an error (KubeVirt ToAdmissionResponseError): code 400, no reason. */
function denyError(webhook: string, message: string): StatusError {
  return new StatusError(400, "", `admission webhook "${webhook}" denied the request: ${message}`);
}

export function kubevirtAdmission(store: ResourceStore, kv: KubeVirtInfo): AdmissionPlugin {
  return (req: AdmissionRequest) => {
    const key = rkeyOf(req.type);
    if (req.operation === "DELETE") return undefined;
    if (key === RK.vm && req.subresource !== "status") return admitVm(req, kv);
    if (key === RK.vmi && req.operation === "UPDATE" && !deepEqual(req.object.spec, req.oldObject?.spec)) {
      throw deny("virtualmachineinstances-update-validator.kubevirt.io", [
        { reason: "FieldValueNotSupported", message: "update of VMI object is restricted", field: "spec" },
      ]);
    }
    if (req.operation !== "CREATE") return undefined;
    if (key === RK.vmim) return admitMigration(req, store);
    if (key === RK.snapshot || key === RK.restore) {
      const hook =
        key === RK.snapshot
          ? "virtualmachinesnapshot-validator.snapshot.kubevirt.io"
          : "virtualmachinerestore-validator.snapshot.kubevirt.io";
      if (!kv.gate("Snapshot")) throw denyError(hook, "snapshot feature gate not enabled");
      if (key === RK.snapshot) {
        const src = asRecord(getPath(req.object, ["spec", "source"]));
        if (src.kind !== "VirtualMachine" || (src.apiGroup !== undefined && src.apiGroup !== "kubevirt.io")) {
          throw deny(hook, [
            {
              reason: "FieldValueInvalid",
              message: "Source kind must be VirtualMachine",
              field: "spec.source",
            },
          ]);
        }
      } else admitRestore(req, store, kv, hook);
      return undefined;
    }
    if (key === RK.clone) {
      const hook = "virtualmachineclone-validator.kubevirt.io";
      if (!kv.gate("Snapshot")) throw denyError(hook, "snapshot feature gate is not enabled");
      const src = asRecord(getPath(req.object, ["spec", "source"]));
      const ns = req.object.metadata.namespace;
      const srcName = typeof src.name === "string" ? src.name : "";
      if (src.kind !== "VirtualMachine" && src.kind !== "VirtualMachineSnapshot") {
        throw deny(hook, [
          {
            reason: "FieldValueInvalid",
            message: "Source kind must be VirtualMachine or VirtualMachineSnapshot",
            field: "spec.source.kind",
          },
        ]);
      }
      const exists = store.get(src.kind === "VirtualMachine" ? RK.vm : RK.snapshot, ns, srcName);
      if (!exists) {
        throw deny(hook, [
          {
            reason: "FieldValueInvalid",
            message: `Source ${src.kind} ${ns}/${srcName} does not exist`,
            field: "spec.source",
          },
        ]);
      }
    }
    return undefined;
  };
}

function admitVm(req: AdmissionRequest, kv: KubeVirtInfo): string[] {
  const spec = asRecord(req.object.spec);
  const causes: StatusCause[] = [];
  if (
    spec.running !== undefined &&
    spec.running !== null &&
    spec.runStrategy !== undefined &&
    spec.runStrategy !== null
  ) {
    causes.push({
      reason: "FieldValueInvalid",
      message:
        "Running and RunStrategy are mutually exclusive. Note that Running is deprecated, please use RunStrategy instead",
      field: "spec.running",
    });
  }
  if (
    (spec.running === undefined || spec.running === null) &&
    (spec.runStrategy === undefined || spec.runStrategy === null)
  ) {
    causes.push({
      reason: "FieldValueRequired",
      message: "RunStrategy must be specified",
      field: "spec.runStrategy",
    });
  }
  if (
    typeof spec.runStrategy === "string" &&
    !(RUN_STRATEGIES as readonly string[]).includes(spec.runStrategy)
  ) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid RunStrategy (${spec.runStrategy})`,
      field: "spec.runStrategy",
    });
  }
  if (spec.runStrategy === "WaitAsReceiver" && !kv.gate("DecentralizedLiveMigration")) {
    causes.push({
      reason: "FieldValueInvalid",
      message: "DecentralizedLiveMigration feature gate is not enabled",
      field: "spec.runStrategy",
    });
  }
  if (spec.template === undefined || spec.template === null) {
    causes.push({
      reason: "FieldValueRequired",
      message: "missing virtual machine template.",
      field: "spec.template",
    });
  }
  if (causes.length > 0) throw deny("virtualmachine-validator.kubevirt.io", causes, req.object.metadata.name);
  const warnings: string[] = [];
  if (typeof spec.running === "boolean" && parseKubeVirtVersion(kv.version) >= parseKubeVirtVersion("1.4")) {
    warnings.push("spec.running is deprecated, please use spec.runStrategy instead.");
  }
  return warnings;
}

function admitMigration(req: AdmissionRequest, store: ResourceStore): undefined {
  const hook = "migration-create-validator.kubevirt.io";
  const ns = req.object.metadata.namespace;
  const vmiName = getPath(req.object, ["spec", "vmiName"]);
  if (typeof vmiName !== "string" || vmiName === "") {
    throw deny(hook, [
      { reason: "FieldValueRequired", message: "spec.vmiName is required", field: "spec.vmiName" },
    ]);
  }
  const vmi = store.get(RK.vmi, ns, vmiName);
  if (!vmi) {
    throw deny(hook, [
      {
        reason: "FieldValueInvalid",
        message: `the VMI "${ns}/${vmiName}" does not exist`,
        field: "spec.vmiName",
      },
    ]);
  }
  if (vmiPhase(vmi) !== "Running" || vmi.metadata.deletionTimestamp) {
    throw deny(hook, [
      {
        reason: "FieldValueInvalid",
        message: `Cannot migrate VMI, Reason: VMI is not running`,
        field: "spec.vmiName",
      },
    ]);
  }
  const inFlight = store
    .list(RK.vmim, ns)
    .some(
      (m) =>
        getPath(m, ["spec", "vmiName"]) === vmiName &&
        !["Succeeded", "Failed"].includes(String(getPath(m, ["status", "phase"]) ?? "")),
    );
  if (inFlight) {
    throw deny(hook, [
      {
        reason: "FieldValueInvalid",
        message: `in-flight migration detected. Active migration job is currently migrating VMI ${vmiName}`,
        field: "spec.vmiName",
      },
    ]);
  }
  return undefined;
}

function admitRestore(req: AdmissionRequest, store: ResourceStore, kv: KubeVirtInfo, hook: string): void {
  const ns = req.object.metadata.namespace;
  const spec = asRecord(req.object.spec);
  const snapName = typeof spec.virtualMachineSnapshotName === "string" ? spec.virtualMachineSnapshotName : "";
  const target = asRecord(spec.target);
  if (target.kind !== "VirtualMachine" || typeof target.name !== "string") {
    throw deny(hook, [
      {
        reason: "FieldValueInvalid",
        message: "invalid target: kind must be VirtualMachine",
        field: "spec.target",
      },
    ]);
  }
  if (!store.get(RK.snapshot, ns, snapName)) {
    throw deny(hook, [
      {
        reason: "FieldValueInvalid",
        message: `VirtualMachineSnapshot "${snapName}" does not exist`,
        field: "spec.virtualMachineSnapshotName",
      },
    ]);
  }
  const vm = store.get(RK.vm, ns, target.name);
  if (vm && parseKubeVirtVersion(kv.version) < parseKubeVirtVersion("1.5")) {
    const vmi = store.get(RK.vmi, ns, target.name);
    if (runStrategyOf(vm).strategy !== "Halted" || (vmi && !isFinal(vmi))) {
      throw deny(hook, [
        {
          reason: "FieldValueInvalid",
          message: `VirtualMachine "${target.name}" is not stopped`,
          field: "spec.target",
        },
      ]);
    }
  }
}
