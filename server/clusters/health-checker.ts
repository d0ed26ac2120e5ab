/**
 * ClusterHealthChecker, one check of one cluster (SPEC §13, §25 #20; KUBEVIRT-API.md §4.9 item 6):
 *
 * - API server reachable: discovery (`GET /apis`) answers. Network, TLS, 401 and timeout → UNREACHABLE.
 * - KubeVirt installed and working: the `kubevirt.io` group is served, a KubeVirt CR exists (any namespace),
 *   it is Available and not Degraded (nor being deleted), and the APIService `v1.subresources.kubevirt.io`
 *   is Available (virt-api: every start/stop/migrate goes through it). Otherwise UNHEALTHY with the reason.
 * - KubeVirt version readable: otherwise a warning only.
 *
 * Capability detection runs in the same check on the same answers. Health polling is read-only apart from
 * the optional capability dry run (`dryRun=All`, nothing stored). Not through ClusterGate on purpose: a gate
 * saturated by slow user operations must not make a healthy cluster look unreachable, and the check has its
 * own timeout.
 */
import "server-only";
import { parseKubeVirtVersion } from "@/lib/capabilities/kubevirt-version";
import { CapabilityApiGroups } from "@/lib/domain/cluster-capabilities";
import {
  type CheckedClusterStatus,
  type HealthCheckResult,
  type HealthReason,
  HealthReasonCode,
} from "@/lib/domain/cluster-health";
import {
  KUBEVIRT,
  KUBEVIRT_VERSION_PATH,
  resourcePath,
  SUBRESOURCES_APISERVICE_PATH,
} from "@/server/provider/kubevirt/api-paths";
import {
  apiServiceAvailability,
  type KubeVirtInstall,
  readGitVersion,
  readKubeVirtInstalls,
} from "@/server/provider/kubevirt/kubevirt-install";
import { KubeApiError } from "../k8s/kube-api-error";
import type { KubeTransport } from "../k8s/kube-client";
import { isTlsErrorCode } from "../k8s/status";
import { discoverApiGroups } from "./api-discovery";
import {
  type DryRunPolicy,
  describeFailure,
  detectCapabilities,
  rethrowIfFatal,
} from "./capability-detector";

export interface HealthCheckOptions {
  /** The caller's signal (worker shutdown): when it aborts, the check rejects with its reason. */
  signal?: AbortSignal;
  /** Whole-check deadline; when it passes the result is UNREACHABLE / API_TIMEOUT. Default 20 s. */
  timeoutMs?: number;
  dryRun?: DryRunPolicy;
  probeNamespace?: string;
  now?: () => Date;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;

/** The abort reason of the check's own deadline, told apart from the caller's abort. */
class CheckTimeout extends Error {
  override name = "CheckTimeout";
}

export async function checkClusterHealth(
  transport: KubeTransport,
  opts: HealthCheckOptions = {},
): Promise<HealthCheckResult> {
  const now = opts.now ?? (() => new Date());
  const checkedAt = now();
  const started = performance.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new CheckTimeout(`health check exceeded ${timeoutMs} ms`)),
    timeoutMs,
  );
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
  const finish = (r: Omit<HealthCheckResult, "checkedAt" | "durationMs">): HealthCheckResult => ({
    ...r,
    checkedAt,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    return finish(await runCheck(transport, signal, opts, now));
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (e instanceof CheckTimeout || deadline.signal.aborted) {
      return finish(unreachable(HealthReasonCode.API_TIMEOUT, `no complete answer within ${timeoutMs} ms`));
    }
    const failure = classifyFailure(e);
    if (failure) return finish(failure);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

type CheckBody = Omit<HealthCheckResult, "checkedAt" | "durationMs">;

async function runCheck(
  transport: KubeTransport,
  signal: AbortSignal,
  opts: HealthCheckOptions,
  now: () => Date,
): Promise<CheckBody> {
  const get = (path: string) => transport.request<unknown>({ method: "GET", path, signal });
  const discovery = await discoverApiGroups(transport, signal);
  const problems: HealthReason[] = [];
  const warnings: HealthReason[] = [];
  const kubevirtServed = (discovery.get(CapabilityApiGroups.kubevirt)?.versions.length ?? 0) > 0;

  let install: KubeVirtInstall | null = null;
  let gitVersion: string | null = null;
  if (!kubevirtServed) {
    problems.push({
      code: HealthReasonCode.KUBEVIRT_NOT_INSTALLED,
      detail: "the kubevirt.io API group is not served: KubeVirt is not installed",
    });
  } else {
    // A failed read is a problem of its own (UNHEALTHY); unreachability still ends the check.
    const settle = <T>(p: Promise<T>) =>
      p.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => {
          rethrowIfFatal(error, signal);
          return { ok: false as const, error };
        },
      );
    const [crs, apiService, version] = await Promise.all([
      settle(get(resourcePath(KUBEVIRT))),
      settle(get(SUBRESOURCES_APISERVICE_PATH)),
      settle(get(KUBEVIRT_VERSION_PATH)),
    ]);
    gitVersion = version.ok ? (readGitVersion(version.value) ?? null) : null;

    if (!crs.ok) {
      problems.push(readFailure(crs.error, "the KubeVirt CR"));
    } else {
      const installs = readKubeVirtInstalls(crs.value);
      install = pickInstall(installs);
      if (installs.length > 1) {
        warnings.push({
          code: HealthReasonCode.MULTIPLE_KUBEVIRT_CRS,
          detail: `${installs.length} KubeVirt CRs (${installs.map((i) => `${i.namespace}/${i.name}`).join(", ")}); using ${install?.namespace}/${install?.name}`,
        });
      }
      if (!install) {
        problems.push({
          code: HealthReasonCode.KUBEVIRT_CR_MISSING,
          detail: "no KubeVirt CR in any namespace: KubeVirt is not deployed",
        });
      } else {
        problems.push(...installProblems(install));
        if (install.conditions.Progressing?.status === "True") {
          warnings.push({
            code: HealthReasonCode.KUBEVIRT_PROGRESSING,
            detail: `KubeVirt is progressing (${conditionText(install.conditions.Progressing)})`,
          });
        }
      }
    }
    const virtApi = virtApiProblem(apiService, version);
    if (virtApi) problems.push(virtApi);
  }

  const detection = await detectCapabilities(transport, {
    signal,
    discovery,
    install,
    gitVersion,
    ...(opts.dryRun ? { dryRun: opts.dryRun } : {}),
    ...(opts.probeNamespace ? { probeNamespace: opts.probeNamespace } : {}),
    now,
  });
  const versionText = detection.capabilities.kubevirtVersion;
  if (kubevirtServed && versionText === undefined) {
    warnings.push({
      code: HealthReasonCode.VERSION_UNREADABLE,
      detail: "neither virt-api's version nor the KubeVirt CR's observedKubeVirtVersion could be read",
    });
  } else if (versionText !== undefined && !parseKubeVirtVersion(versionText).known) {
    warnings.push({
      code: HealthReasonCode.VERSION_NOT_SEMVER,
      detail: `KubeVirt version "${versionText}" is not a semantic version; kept as detected`,
    });
  }
  const [reason, ...otherProblems] = problems;
  const status: CheckedClusterStatus = reason ? "UNHEALTHY" : "HEALTHY";
  return {
    status,
    ...(reason ? { reason } : {}),
    ...(versionText !== undefined ? { version: versionText } : {}),
    warnings: [...otherProblems, ...warnings, ...detection.warnings],
    capabilities: detection.capabilities,
  };
}

/** Several CRs should not happen (virt-operator refuses a second); prefer the deployed one. */
function pickInstall(installs: KubeVirtInstall[]): KubeVirtInstall | null {
  return installs.find((i) => i.phase === "Deployed") ?? installs[0] ?? null;
}

function installProblems(install: KubeVirtInstall): HealthReason[] {
  const where = `${install.namespace}/${install.name}`;
  const out: HealthReason[] = [];
  if (install.phase === "Deleting" || install.phase === "Deleted") {
    out.push({
      code: HealthReasonCode.KUBEVIRT_DELETING,
      detail: `KubeVirt CR ${where} is ${install.phase}`,
    });
  }
  const degraded = install.conditions.Degraded;
  if (degraded?.status === "True") {
    out.push({
      code: HealthReasonCode.KUBEVIRT_DEGRADED,
      detail: `KubeVirt CR ${where} is Degraded (${conditionText(degraded)})`,
    });
  }
  const available = install.conditions.Available;
  if (available?.status !== "True") {
    out.push({
      code: HealthReasonCode.KUBEVIRT_NOT_AVAILABLE,
      detail: available
        ? `KubeVirt CR ${where} is not Available (${conditionText(available)})`
        : `KubeVirt CR ${where} reports no Available condition (phase ${install.phase ?? "unknown"})`,
    });
  }
  return out;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * virt-api through its APIService. The APIService's Available condition decides; a user without cluster-wide
 * read on apiservices (kubevirt.io:default does not grant it) falls back on the version endpoint, which the
 * aggregator answers with 503 when virt-api is down.
 */
function virtApiProblem(apiService: Settled, version: Settled): HealthReason | undefined {
  const code = HealthReasonCode.VIRT_API_UNAVAILABLE;
  if (apiService.ok) {
    const available = apiServiceAvailability(apiService.value);
    if (available?.status === "True") return undefined;
    return {
      code,
      detail: `APIService v1.subresources.kubevirt.io is not Available (${available ? conditionText(available) : "no condition"})`,
    };
  }
  if (apiService.error instanceof KubeApiError && apiService.error.kind === "not-found") {
    return { code, detail: "APIService v1.subresources.kubevirt.io is not registered" };
  }
  if (version.ok) return undefined;
  return { code, detail: `virt-api does not answer: ${describeFailure(version.error)}` };
}

function readFailure(error: unknown, what: string): HealthReason {
  if (error instanceof KubeApiError && error.kind === "forbidden") {
    return { code: HealthReasonCode.API_FORBIDDEN, detail: `reading ${what} is forbidden: ${error.message}` };
  }
  if (error instanceof KubeApiError && error.kind === "not-found") {
    return { code: HealthReasonCode.KUBEVIRT_CR_MISSING, detail: `${what} is not served: ${error.message}` };
  }
  return { code: HealthReasonCode.API_ERROR, detail: `reading ${what} failed: ${describeFailure(error)}` };
}

/** The result for a failure that ended the check, or undefined when it is not a Kubernetes failure. */
function classifyFailure(error: unknown): CheckBody | undefined {
  if (!(error instanceof KubeApiError)) return undefined;
  switch (error.kind) {
    case "unreachable":
      return error.reason !== undefined && isTlsErrorCode(error.reason)
        ? unreachable(HealthReasonCode.API_TLS_FAILED, `TLS failure: ${error.message}`)
        : unreachable(HealthReasonCode.API_UNREACHABLE, error.message);
    case "timeout":
      return unreachable(HealthReasonCode.API_TIMEOUT, error.message);
    case "unauthorized":
      return unreachable(
        HealthReasonCode.API_UNAUTHORIZED,
        `the API server refused the credentials (HTTP ${error.status ?? 401}): ${error.message}`,
      );
    case "forbidden":
      return unhealthy(HealthReasonCode.API_FORBIDDEN, `API discovery is forbidden: ${error.message}`);
    case "unknown":
      if (error.status === undefined) return unreachable(HealthReasonCode.API_UNREACHABLE, error.message);
      return unhealthy(HealthReasonCode.API_ERROR, describeFailure(error));
    default:
      return unhealthy(HealthReasonCode.API_ERROR, describeFailure(error));
  }
}

export function unreachable(code: HealthReasonCode, detail: string): CheckBody {
  return { status: "UNREACHABLE", reason: { code, detail }, warnings: [] };
}

function unhealthy(code: HealthReasonCode, detail: string): CheckBody {
  return { status: "UNHEALTHY", reason: { code, detail }, warnings: [] };
}

function conditionText(c: { status: string; reason?: string; message?: string }): string {
  return [`status ${c.status}`, c.reason, c.message].filter(Boolean).join(": ");
}
