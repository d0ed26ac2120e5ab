/**
 * The KubeVirt install as its CR (`kubevirts.kubevirt.io`) and the aggregated APIService describe it
 * (KUBEVIRT-API.md §4.9), read defensively like every other KubeVirt object: any field may be missing or of
 * the wrong type. Also the minimal object a capability dry run creates. Used by server/clusters' health
 * checker and capability detector, which never read KubeVirt objects themselves.
 */
import "server-only";
import { type ApiResource, resourcePath, SNAPSHOT, VIRTUAL_MACHINE } from "./api-paths";

export interface ConditionView {
  status: string;
  reason?: string;
  message?: string;
}

export interface KubeVirtInstall {
  namespace: string;
  name: string;
  /** Deploying | Deployed | Deleting | Deleted. */
  phase?: string;
  featureGates: string[];
  disabledFeatureGates: string[];
  /** `status.observedKubeVirtVersion`; may be non-semver on OpenShift. */
  observedVersion?: string;
  /** By condition type: Available, Progressing, Degraded, Created, Synchronized. */
  conditions: Record<string, ConditionView>;
  /** `spec.configuration.permittedHostDevices` resource names (PCI and mediated). */
  permittedHostDevices: string[];
}

/** The items of a KubeVirt CR list; items without a name are skipped. */
export function readKubeVirtInstalls(list: unknown): KubeVirtInstall[] {
  const items = isRecord(list) && Array.isArray(list.items) ? list.items : [];
  const out: KubeVirtInstall[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const meta = record(item.metadata);
    if (typeof meta.name !== "string" || meta.name === "") continue;
    const spec = record(item.spec);
    const config = record(spec.configuration);
    const dev = record(config.developerConfiguration);
    const status = record(item.status);
    const permitted = record(config.permittedHostDevices);
    out.push({
      namespace: typeof meta.namespace === "string" ? meta.namespace : "",
      name: meta.name,
      ...(typeof status.phase === "string" ? { phase: status.phase } : {}),
      featureGates: strings(dev.featureGates),
      disabledFeatureGates: strings(dev.disabledFeatureGates),
      ...(typeof status.observedKubeVirtVersion === "string" && status.observedKubeVirtVersion !== ""
        ? { observedVersion: status.observedKubeVirtVersion }
        : {}),
      conditions: readConditions(status.conditions),
      permittedHostDevices: [
        ...(Array.isArray(permitted.pciHostDevices) ? permitted.pciHostDevices : []),
        ...(Array.isArray(permitted.mediatedDevices) ? permitted.mediatedDevices : []),
      ]
        .map((d) => record(d).resourceName)
        .filter((n): n is string => typeof n === "string" && n !== ""),
    });
  }
  return out;
}

/** The Available condition of an APIService object; undefined when it has none. */
export function apiServiceAvailability(apiService: unknown): ConditionView | undefined {
  return readConditions(record(record(apiService).status).conditions).Available;
}

/** `gitVersion` of virt-api's version document, if it is a non-empty string. */
export function readGitVersion(doc: unknown): string | undefined {
  const v = record(doc).gitVersion;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/**
 * A `dryRun=All` create of a VirtualMachineSnapshot: admission runs (the Snapshot gate check included) and
 * nothing is stored. The source VM need not exist: KubeVirt admits a snapshot of a missing VM and fails it
 * later, so a refusal means the gate (or RBAC), never a missing VM.
 */
export function snapshotProbeRequest(
  namespace: string,
  version: string,
): {
  path: string;
  query: { dryRun: "All" };
  body: unknown;
} {
  const res: ApiResource = { ...SNAPSHOT, version };
  return {
    path: resourcePath(res, { namespace }),
    query: { dryRun: "All" },
    body: {
      apiVersion: `${res.group}/${version}`,
      kind: res.kind,
      metadata: { generateName: "shepherd-capability-probe-", namespace },
      spec: {
        source: {
          apiGroup: VIRTUAL_MACHINE.group,
          kind: VIRTUAL_MACHINE.kind,
          name: "shepherd-capability-probe",
        },
      },
    },
  };
}

function readConditions(value: unknown): Record<string, ConditionView> {
  const out: Record<string, ConditionView> = {};
  if (!Array.isArray(value)) return out;
  for (const c of value) {
    const cond = record(c);
    if (typeof cond.type !== "string" || typeof cond.status !== "string") continue;
    out[cond.type] = {
      status: cond.status,
      ...(typeof cond.reason === "string" && cond.reason !== "" ? { reason: cond.reason } : {}),
      ...(typeof cond.message === "string" && cond.message !== "" ? { message: cond.message } : {}),
    };
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string" && s !== "") : [];
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
