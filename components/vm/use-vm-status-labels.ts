"use client";

// VM status labels by value, for every page that shows a VM's status. Keys are spelled out (not computed) so
// the catalogue test sees each one; the Record makes a missing status a compile error.
import { useTranslations } from "next-intl";
import type { VMStatus } from "@/lib/domain/vm";

export function useVmStatusLabels(): Record<VMStatus, string> {
  const t = useTranslations("vm.status");
  return {
    CREATING: t("CREATING"),
    RUNNING: t("RUNNING"),
    STOPPING: t("STOPPING"),
    STOPPED: t("STOPPED"),
    DELETING: t("DELETING"),
    FAILED: t("FAILED"),
    PENDING: t("PENDING"),
    MIGRATING: t("MIGRATING"),
    PAUSED: t("PAUSED"),
    UNKNOWN: t("UNKNOWN"),
  };
}
