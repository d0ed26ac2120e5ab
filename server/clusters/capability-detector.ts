/**
 * CapabilityDetector (SPEC §14, KUBEVIRT-API.md §4.9 "capability recipe"): what one cluster can do, read with
 * GETs only, plus at most one `dryRun=All` create when static detection cannot decide.
 *
 * 1. Discovery: which API groups/versions are served (snapshot, clone, instancetype, export, migrations,
 *    snapshot.storage.k8s.io …).
 * 2. Version: virt-api's `gitVersion`, else the KubeVirt CR's `observedKubeVirtVersion`; non-semver = unknown.
 * 3. Gates: the CR's featureGates/disabledFeatureGates evaluated with that version's rules
 *    (lib/capabilities/feature-gates.ts).
 * 4. Hardware and storage: nodes, NetworkAttachmentDefinitions, StorageClasses.
 * 5. Dry-run fallback: a gate static rules cannot decide (unknown version) that admission enforces — Snapshot —
 *    is settled by a dry-run create of a VirtualMachineSnapshot; the result is marked "verified by dry run".
 *
 * Reads that fail for reasons other than reachability (403 on nodes, a missing Multus) only narrow the result
 * and add a DETECTION_PARTIAL warning; network, auth and timeout failures and the caller's abort propagate.
 */
import "server-only";
import { effectiveFeatureGates } from "@/lib/capabilities/feature-gates";
import { parseKubeVirtVersion } from "@/lib/capabilities/kubevirt-version";
import {
  type CapabilityApi,
  CapabilityApiGroups,
  type ClusterCapabilities,
  type DryRunVerification,
} from "@/lib/domain/cluster-capabilities";
import { type HealthReason, HealthReasonCode } from "@/lib/domain/cluster-health";
import { KUBEVIRT, KUBEVIRT_VERSION_PATH, resourcePath } from "@/server/provider/kubevirt/api-paths";
import {
  type KubeVirtInstall,
  readGitVersion,
  readKubeVirtInstalls,
  snapshotProbeRequest,
} from "@/server/provider/kubevirt/kubevirt-install";
import { isKubeApiError, KubeApiError } from "../k8s/kube-api-error";
import type { KubeTransport } from "../k8s/kube-client";
import { type ApiDiscovery, discoverApiGroups, servedVersions } from "./api-discovery";
import { readNodeHardware, readSriovNetworks, readStorageClasses } from "./hardware-detection";

export type DryRunPolicy = "uncertain" | "always" | "never";

export interface DetectCapabilitiesOptions {
  signal?: AbortSignal;
  /** Already fetched by the health check (same cycle, one set of calls). */
  discovery?: ApiDiscovery;
  /** The KubeVirt CR in use; `null` = known to be absent. Fetched when undefined. */
  install?: KubeVirtInstall | null;
  /** virt-api's gitVersion; `null` = known to be unreadable. Fetched when undefined. */
  gitVersion?: string | null;
  /** When to settle the Snapshot gate by a dry run; default "uncertain". */
  dryRun?: DryRunPolicy;
  /** Namespace of the dry-run snapshot; default "default" (exists on every cluster). */
  probeNamespace?: string;
  now?: () => Date;
}

export interface CapabilityDetection {
  capabilities: ClusterCapabilities;
  warnings: HealthReason[];
}

/** Gates whose refusal happens at admission, with the dry run that reveals it. */
const DRY_RUN_GATE = "Snapshot";

export async function detectCapabilities(
  transport: KubeTransport,
  opts: DetectCapabilitiesOptions = {},
): Promise<CapabilityDetection> {
  const { signal } = opts;
  const warnings: HealthReason[] = [];
  const get = (path: string) =>
    transport.request<unknown>({ method: "GET", path, ...(signal ? { signal } : {}) });

  const discovery = opts.discovery ?? (await discoverApiGroups(transport, signal));
  const served = (group: string) => servedVersions(discovery, group);
  const kubevirtServed = served(CapabilityApiGroups.kubevirt).length > 0;
  const optional = <T>(what: string, read: () => Promise<T>, fallback: T) =>
    read().catch((e: unknown) => {
      rethrowIfFatal(e, signal);
      warnings.push({
        code: HealthReasonCode.DETECTION_PARTIAL,
        detail: `${what} could not be read: ${describeFailure(e)}`,
      });
      return fallback;
    });

  const [install, gitVersion, nodes, nads, storage] = await Promise.all([
    opts.install !== undefined
      ? opts.install
      : kubevirtServed
        ? optional(
            "KubeVirt CR",
            async () => readKubeVirtInstalls(await get(resourcePath(KUBEVIRT)))[0] ?? null,
            null,
          )
        : null,
    opts.gitVersion !== undefined
      ? opts.gitVersion
      : kubevirtServed
        ? get(KUBEVIRT_VERSION_PATH).then(readGitVersion, (e: unknown) => {
            rethrowIfFatal(e, signal);
            return null;
          })
        : null,
    optional("nodes", () => get("/api/v1/nodes"), undefined),
    served(CapabilityApiGroups.networkAttachments).length > 0
      ? optional(
          "network attachment definitions",
          () => get("/apis/k8s.cni.cncf.io/v1/network-attachment-definitions"),
          undefined,
        )
      : undefined,
    optional("storage classes", () => get("/apis/storage.k8s.io/v1/storageclasses"), undefined),
  ]);

  // Version: virt-api first (always semver upstream), the CR's observed version as the fallback.
  const version = gitVersion ?? install?.observedVersion ?? undefined;
  const versionSource = gitVersion ? "virt-api" : install?.observedVersion ? "kubevirt-cr" : undefined;
  const parsed = version === undefined ? undefined : parseKubeVirtVersion(version);
  const gates = effectiveFeatureGates(
    parsed,
    install?.featureGates ?? [],
    install?.disabledFeatureGates ?? [],
  );
  if (install && gates.ignoredDisabled.length > 0) {
    warnings.push({
      code: HealthReasonCode.DISABLED_GATES_IGNORED,
      detail: `KubeVirt ${version} ignores disabledFeatureGates (honoured from v1.8): ${gates.ignoredDisabled.join(", ")}`,
    });
  }

  const enabled = new Set(install ? gates.enabled : []);
  const uncertain = new Set(install ? gates.uncertain : []);
  const verifiedByDryRun: Record<string, DryRunVerification> = {};
  const policy = opts.dryRun ?? "uncertain";
  const snapshotVersions = served(CapabilityApiGroups.snapshot);
  const wantProbe = policy === "always" || (policy === "uncertain" && uncertain.has(DRY_RUN_GATE));
  if (install && wantProbe && snapshotVersions.length > 0) {
    const apiVersion =
      discovery.get(CapabilityApiGroups.snapshot)?.preferred ?? snapshotVersions[0] ?? "v1beta1";
    const verdict = await probeSnapshotGate(transport, opts.probeNamespace ?? "default", apiVersion, signal);
    if (verdict.decided) {
      verifiedByDryRun[DRY_RUN_GATE] = verdict.result;
      uncertain.delete(DRY_RUN_GATE);
      if (verdict.result.enabled) enabled.add(DRY_RUN_GATE);
      else enabled.delete(DRY_RUN_GATE);
    } else {
      warnings.push({
        code: HealthReasonCode.DRY_RUN_UNDECIDED,
        detail: `dry run of a VirtualMachineSnapshot could not decide the ${DRY_RUN_GATE} gate: ${verdict.detail}`,
      });
    }
  }
  if (uncertain.size > 0) {
    warnings.push({
      code: HealthReasonCode.FEATURES_UNCERTAIN,
      detail: `KubeVirt version ${version ?? "(unreadable)"} is not semver; treated as off until verified: ${[...uncertain].sort().join(", ")}`,
    });
  }

  const hardware = readNodeHardware(nodes, install?.permittedHostDevices ?? []);
  const sriovNetworks = readSriovNetworks(nads);
  const storageClasses = readStorageClasses(storage);
  if (nodes !== undefined && kubevirtServed && hardware.schedulableNodes === 0) {
    warnings.push({
      code: HealthReasonCode.NO_SCHEDULABLE_NODES,
      detail: "no node is labelled kubevirt.io/schedulable=true: VMs cannot start",
    });
  }
  if (storage !== undefined && storageClasses.default === undefined) {
    warnings.push({ code: HealthReasonCode.NO_DEFAULT_STORAGE_CLASS, detail: "no default StorageClass" });
  }
  if (storageClasses.defaults.length > 1) {
    warnings.push({
      code: HealthReasonCode.MULTIPLE_DEFAULT_STORAGE_CLASSES,
      detail: `several default StorageClasses (${storageClasses.defaults.join(", ")}); the newest, ${storageClasses.default}, is used`,
    });
  }
  if (enabled.has(DRY_RUN_GATE) && served(CapabilityApiGroups.volumeSnapshots).length === 0) {
    warnings.push({
      code: HealthReasonCode.VOLUME_SNAPSHOTS_UNAVAILABLE,
      detail: "snapshot.storage.k8s.io is not served: snapshots of VMs with PVC disks will fail",
    });
  }

  const apis = Object.fromEntries(
    Object.entries(CapabilityApiGroups).map(([key, group]) => [key, served(group)]),
  ) as Record<CapabilityApi, string[]>;

  return {
    capabilities: {
      ...(version !== undefined ? { kubevirtVersion: version } : {}),
      ...(versionSource ? { versionSource } : {}),
      versionKnown: parsed?.known === true,
      featureGates: {
        enabled: [...(install?.featureGates ?? [])],
        disabled: [...(install?.disabledFeatureGates ?? [])],
      },
      enabledFeatures: [...enabled].sort(),
      uncertainFeatures: [...uncertain].sort(),
      verifiedByDryRun,
      apis,
      gpuDevices: hardware.gpuDevices,
      hugepages: hardware.hugepages,
      sriovNetworks,
      storageClasses: storageClasses.names,
      ...(storageClasses.default ? { defaultStorageClass: storageClasses.default } : {}),
      schedulableNodes: hardware.schedulableNodes,
      detectedAt: (opts.now ?? (() => new Date()))(),
    },
    warnings,
  };
}

type ProbeVerdict = { decided: true; result: DryRunVerification } | { decided: false; detail: string };

/**
 * Admitted → the gate is on. A webhook denial (400, or 403 carrying "admission webhook") → off, with KubeVirt's
 * message. RBAC refusing us the create, an unserved path or a 5xx decide nothing.
 */
async function probeSnapshotGate(
  transport: KubeTransport,
  namespace: string,
  apiVersion: string,
  signal: AbortSignal | undefined,
): Promise<ProbeVerdict> {
  const probe = snapshotProbeRequest(namespace, apiVersion);
  try {
    await transport.request({ method: "POST", ...probe, ...(signal ? { signal } : {}) });
    return { decided: true, result: { enabled: true } };
  } catch (e) {
    rethrowIfFatal(e, signal);
    if (!(e instanceof KubeApiError)) return { decided: false, detail: describeFailure(e) };
    const webhook = e.message.includes("admission webhook") || /feature gate/i.test(e.message);
    if (e.kind === "bad-request" || e.kind === "invalid" || (e.kind === "forbidden" && webhook)) {
      return { decided: true, result: { enabled: false, detail: e.message } };
    }
    return { decided: false, detail: describeFailure(e) };
  }
}

/** Failures that say the cluster cannot be talked to (or the caller gave up) end detection. */
export function rethrowIfFatal(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
  if (
    isKubeApiError(error, "unreachable") ||
    isKubeApiError(error, "timeout") ||
    isKubeApiError(error, "unauthorized")
  )
    throw error;
}

export function describeFailure(error: unknown): string {
  if (error instanceof KubeApiError) {
    return `${error.status !== undefined ? `HTTP ${error.status} ` : ""}${error.kind}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
