"use client";

// Translated names of the cluster vocabulary (statuses, health reasons, watcher and cache states …), one
// literal key per value so the compiler catches a code added without a message (and messages.test.ts can
// check every key); cluster-messages.test.ts checks both catalogues hold every value.
import { useTranslations } from "next-intl";
import type { FeatureSourceView, HealthCheckView, WatcherStateView } from "@/lib/clusters/cluster-views";
import type { ClusterStatus } from "@/lib/domain/cluster";
import type { HealthReasonCode } from "@/lib/domain/cluster-health";
import type { Environment } from "@/lib/domain/environment";

export function useClusterStatusLabels(): Record<ClusterStatus, string> {
  const t = useTranslations("clusterHealth.status");
  return {
    UNKNOWN: t("UNKNOWN"),
    HEALTHY: t("HEALTHY"),
    UNHEALTHY: t("UNHEALTHY"),
    UNREACHABLE: t("UNREACHABLE"),
  };
}

export function useHealthReasonLabels(): Record<HealthReasonCode, string> {
  const t = useTranslations("clusterHealth.reasons");
  return {
    API_UNREACHABLE: t("API_UNREACHABLE"),
    API_TLS_FAILED: t("API_TLS_FAILED"),
    API_UNAUTHORIZED: t("API_UNAUTHORIZED"),
    API_TIMEOUT: t("API_TIMEOUT"),
    CREDENTIALS_UNUSABLE: t("CREDENTIALS_UNUSABLE"),
    API_ERROR: t("API_ERROR"),
    API_FORBIDDEN: t("API_FORBIDDEN"),
    KUBEVIRT_NOT_INSTALLED: t("KUBEVIRT_NOT_INSTALLED"),
    KUBEVIRT_CR_MISSING: t("KUBEVIRT_CR_MISSING"),
    KUBEVIRT_DELETING: t("KUBEVIRT_DELETING"),
    KUBEVIRT_NOT_AVAILABLE: t("KUBEVIRT_NOT_AVAILABLE"),
    KUBEVIRT_DEGRADED: t("KUBEVIRT_DEGRADED"),
    VIRT_API_UNAVAILABLE: t("VIRT_API_UNAVAILABLE"),
    VERSION_UNREADABLE: t("VERSION_UNREADABLE"),
    VERSION_NOT_SEMVER: t("VERSION_NOT_SEMVER"),
    MULTIPLE_KUBEVIRT_CRS: t("MULTIPLE_KUBEVIRT_CRS"),
    KUBEVIRT_PROGRESSING: t("KUBEVIRT_PROGRESSING"),
    DISABLED_GATES_IGNORED: t("DISABLED_GATES_IGNORED"),
    FEATURES_UNCERTAIN: t("FEATURES_UNCERTAIN"),
    DRY_RUN_UNDECIDED: t("DRY_RUN_UNDECIDED"),
    DETECTION_PARTIAL: t("DETECTION_PARTIAL"),
    NO_SCHEDULABLE_NODES: t("NO_SCHEDULABLE_NODES"),
    NO_DEFAULT_STORAGE_CLASS: t("NO_DEFAULT_STORAGE_CLASS"),
    MULTIPLE_DEFAULT_STORAGE_CLASSES: t("MULTIPLE_DEFAULT_STORAGE_CLASSES"),
    VOLUME_SNAPSHOTS_UNAVAILABLE: t("VOLUME_SNAPSHOTS_UNAVAILABLE"),
  };
}

export function useWatcherStateLabels(): Record<WatcherStateView, string> {
  const t = useTranslations("clusterHealth.watcherState");
  return {
    watching: t("watching"),
    rebuilding: t("rebuilding"),
    failing: t("failing"),
    forbidden: t("forbidden"),
    stopped: t("stopped"),
    not_started: t("not_started"),
  };
}

export function useFeatureSourceLabels(): Record<FeatureSourceView, string> {
  const t = useTranslations("clusterHealth.featureSource");
  return { detected: t("detected"), dry_run: t("dry_run"), uncertain: t("uncertain") };
}

export function useCheckTriggerLabels(): Record<HealthCheckView["trigger"], string> {
  const t = useTranslations("clusterHealth.trigger");
  return { schedule: t("schedule"), manual: t("manual") };
}

export function useEnvironmentLabels(): Record<Environment, string> {
  const t = useTranslations("clusterHealth.environment");
  return { test: t("test"), prod: t("prod") };
}
