import "server-only";
import { FQDN_ANNOTATION, MANAGED_BY_VALUE, ShepherdLabel } from "@/lib/domain/labels";
import type { VMSpec } from "@/lib/domain/vm";
import { AppError } from "@/lib/errors/app-error";
import type { FieldError } from "@/lib/errors/field-error";
import type { RunStrategy, VirtualMachine, Volume } from "./wire";

/**
 * VMSpec → VirtualMachine manifest for server-side apply (SPEC §5.3). Pure: the provider applies the result,
 * validateSpec dry-runs it, and MockProvider renders it to refuse exactly what the real provider refuses.
 *
 * - `runStrategy` only, never the deprecated `running` (§25 #36); new VMs start (`Always`, the parity of the
 *   Go provider's `running: true`), updates keep the VM's current strategy (see `RenderOptions`).
 * - The SPEC §4 labels on the VM and on the template (so the VMI carries them); `managed-by` and `hostname`
 *   are derived here, the others come from the caller.
 * - requests = limits (Guaranteed QoS) unless the spec carries overcommit requests.
 * - Disks: `rootdisk` (containerDisk, or PVC for `pvc:<claim>`), plus a `datadisk` emptyDisk of `diskGb` GiB
 *   when `diskGb > 0`. An emptyDisk has no storage class, so `storageClass` is not rendered yet.
 * - `specOverrides` only under `spec.*`, applied last.
 */

export const FIELD_MANAGER = "kubevirt-shepherd";

const PVC_PREFIX = "pvc:";

export interface RenderOptions {
  /**
   * The strategy to write. createVM omits it (→ `Always`); updateVM passes the VM's current one, because a
   * forced apply would otherwise overwrite the `Halted` that a stop wrote and restart the VM.
   */
  runStrategy?: RunStrategy;
}

export function renderVMManifest(namespace: string, spec: VMSpec, opts: RenderOptions = {}): VirtualMachine {
  const problems = checkSpec(spec);
  if (problems.length > 0) throw invalidSpec(problems);
  const name = spec.name;
  const labels: Record<string, string> = {
    ...spec.labels,
    [ShepherdLabel.managedBy]: MANAGED_BY_VALUE,
    [ShepherdLabel.hostname]: name,
  };
  const cpuRequest = spec.cpuRequest ?? spec.cpu;
  const memoryRequestMb = spec.memoryRequestMb ?? spec.memoryMb;
  const disks = [{ name: "rootdisk", disk: { bus: "virtio" } }];
  const volumes: Volume[] = [rootVolume(spec.image)];
  const diskGb = spec.diskGb ?? 0;
  if (diskGb > 0) {
    disks.push({ name: "datadisk", disk: { bus: "virtio" } });
    volumes.push({ name: "datadisk", emptyDisk: { capacity: `${diskGb}Gi` } });
  }
  const manifest: VirtualMachine = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: {
      name,
      namespace,
      labels,
      annotations: { [FQDN_ANNOTATION]: `${name}.${namespace}.svc.cluster.local` },
    },
    spec: {
      runStrategy: opts.runStrategy ?? "Always",
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          domain: {
            cpu: { cores: spec.cpu },
            memory: { guest: `${spec.memoryMb}Mi` },
            resources: {
              requests: { cpu: cpuQuantity(cpuRequest), memory: `${memoryRequestMb}Mi` },
              limits: { cpu: cpuQuantity(spec.cpu), memory: `${spec.memoryMb}Mi` },
            },
            devices: { disks, interfaces: [{ name: "default", masquerade: {} }] },
          },
          networks: [{ name: "default", pod: {} }],
          volumes,
        },
      },
    },
  };
  applyOverrides(manifest, spec.specOverrides ?? {});
  return manifest;
}

function rootVolume(image: string): Volume {
  if (image.startsWith(PVC_PREFIX)) {
    return { name: "rootdisk", persistentVolumeClaim: { claimName: image.slice(PVC_PREFIX.length) } };
  }
  return { name: "rootdisk", containerDisk: { image } };
}

/** Whole cores as "2", fractions as millicores ("500m"), as Kubernetes prints quantities. */
export function cpuQuantity(cpu: number): string {
  return Number.isInteger(cpu) ? String(cpu) : `${Math.round(cpu * 1000)}m`;
}

function checkSpec(spec: VMSpec): FieldError[] {
  const problems: FieldError[] = [];
  const positive = (field: string, value: number | undefined, required: boolean) => {
    if (value === undefined) {
      if (required) problems.push({ field, code: "required", message: `${field} is required` });
    } else if (!Number.isFinite(value) || value <= 0) {
      problems.push({ field, code: "too_small", message: `${field} must be > 0` });
    }
  };
  if (!spec.name) problems.push({ field: "name", code: "required", message: "name is required" });
  if (!spec.image || spec.image === PVC_PREFIX) {
    problems.push({ field: "image", code: "required", message: "image is required" });
  }
  positive("cpu", spec.cpu, true);
  positive("memoryMb", spec.memoryMb, true);
  positive("cpuRequest", spec.cpuRequest, false);
  positive("memoryRequestMb", spec.memoryRequestMb, false);
  if (spec.memoryMb !== undefined && !Number.isInteger(spec.memoryMb)) {
    problems.push({ field: "memoryMb", code: "not_integer", message: "memoryMb must be whole MiB" });
  }
  if (spec.diskGb !== undefined && (!Number.isInteger(spec.diskGb) || spec.diskGb < 0)) {
    problems.push({ field: "diskGb", code: "invalid", message: "diskGb must be a whole number ≥ 0" });
  }
  if (spec.cpuRequest !== undefined && spec.cpuRequest > spec.cpu) {
    problems.push({ field: "cpuRequest", code: "too_big", message: "cpuRequest must not exceed cpu" });
  }
  if (spec.memoryRequestMb !== undefined && spec.memoryRequestMb > spec.memoryMb) {
    problems.push({
      field: "memoryRequestMb",
      code: "too_big",
      message: "memoryRequestMb must not exceed memoryMb",
    });
  }
  for (const { path } of flattenOverrides(spec.specOverrides ?? {})) {
    const problem = checkOverridePath(path);
    const field = `specOverrides.${path.join(".")}`;
    if (problem) problems.push({ field, code: "invalid_path", message: problem });
  }
  return problems;
}

function checkOverridePath(path: string[]): string | undefined {
  const shown = path.join(".");
  if (path[0] !== "spec" || path.length < 2) return `override "${shown}": only spec.* is allowed`;
  if (path[1] === "running") return `override "${shown}": spec.running is deprecated; set spec.runStrategy`;
  if (path.some((s) => s === "" || s === "__proto__" || s === "constructor" || s === "prototype")) {
    return `override "${shown}": invalid path segment`;
  }
  return undefined;
}

function invalidSpec(problems: FieldError[]): AppError<"VALIDATION_FAILED"> {
  return new AppError(
    "VALIDATION_FAILED",
    {},
    {
      message: `VM spec cannot be rendered: ${problems.map((p) => p.message ?? p.field).join("; ")}`,
      fieldErrors: problems,
    },
  );
}

/** One override: where it goes (path segments) and what it sets. */
export interface OverrideEntry {
  path: string[];
  value: unknown;
}

/**
 * `{ "spec.a.b": 1 }` and `{ spec: { a: { b: 1 } } }` both become `{ path: ["spec", "a", "b"], value: 1 }`. Only
 * top-level keys are dotted paths; a nested key is one segment, so `nodeSelector: { "nvidia.com/gpu": "true" }`
 * keeps its label key whole. Arrays are leaves; an empty object is kept as a leaf (`masquerade: {}`).
 */
export function flattenOverrides(overrides: Record<string, unknown>): OverrideEntry[] {
  const out: OverrideEntry[] = [];
  const walk = (path: string[], value: unknown) => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk([...path, k], v);
    } else {
      out.push({ path, value });
    }
  };
  for (const [key, value] of Object.entries(overrides)) walk(key.split("."), value);
  return out;
}

/** Sets each `spec.…` path; numeric segments index into existing arrays, anything else creates objects. */
function applyOverrides(manifest: VirtualMachine, overrides: Record<string, unknown>): void {
  const root = manifest as Record<string, unknown>;
  for (const { path, value } of flattenOverrides(overrides)) {
    let node: unknown = root;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      const container = node as Record<string, unknown> | unknown[];
      if (Array.isArray(container)) {
        const index = Number(segment);
        if (!Number.isInteger(index) || index < 0) {
          const field = `specOverrides.${path.join(".")}`;
          throw invalidSpec([{ field, code: "invalid_path", message: `"${segment}" is not an index` }]);
        }
        if (last) container[index] = structuredClone(value);
        else {
          if (!isPlainObject(container[index]) && !Array.isArray(container[index])) container[index] = {};
          node = container[index];
        }
      } else if (last) {
        container[segment] = structuredClone(value);
      } else {
        if (!isPlainObject(container[segment]) && !Array.isArray(container[segment])) container[segment] = {};
        node = container[segment];
      }
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
