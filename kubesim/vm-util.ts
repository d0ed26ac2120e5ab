// Helpers shared by KubeVirt admission, subresources and the controller.
import { asArray, asRecord, getPath, isRecord, type KObject } from "./types.ts";

export const RUN_STRATEGIES = [
  "Always",
  "Halted",
  "Manual",
  "RerunOnFailure",
  "Once",
  "WaitAsReceiver",
] as const;
export type RunStrategy = (typeof RUN_STRATEGIES)[number];

/** Effective run strategy; legacy `spec.running` maps to Always/Halted (as virt-controller does). */
export function runStrategyOf(vm: KObject): { strategy: RunStrategy; legacy: boolean } {
  const spec = asRecord(vm.spec);
  if (typeof spec.running === "boolean")
    return { strategy: spec.running ? "Always" : "Halted", legacy: true };
  const rs = spec.runStrategy;
  if (typeof rs === "string" && (RUN_STRATEGIES as readonly string[]).includes(rs))
    return { strategy: rs as RunStrategy, legacy: false };
  return { strategy: "Halted", legacy: false };
}

export function vmiPhase(vmi: KObject | undefined): string {
  const p = getPath(vmi, ["status", "phase"]);
  return typeof p === "string" ? p : "";
}

export function isFinal(vmi: KObject | undefined): boolean {
  const p = vmiPhase(vmi);
  return p === "Succeeded" || p === "Failed";
}

export function conditions(o: unknown): Record<string, unknown>[] {
  return asArray(getPath(o, ["status", "conditions"])).filter(isRecord);
}

export function condition(o: unknown, type: string): Record<string, unknown> | undefined {
  return conditions(o).find((c) => c.type === type);
}

export function isPaused(vmi: KObject | undefined): boolean {
  return condition(vmi, "Paused")?.status === "True";
}

export interface StateChangeRequest {
  action: "Start" | "Stop";
  uid?: string;
  data?: Record<string, string>;
}

export function stateChangeRequests(vm: KObject): StateChangeRequest[] {
  return asArray(getPath(vm, ["status", "stateChangeRequests"])).filter(
    isRecord,
  ) as unknown as StateChangeRequest[];
}

export function setCondition(
  list: Record<string, unknown>[],
  c: Record<string, unknown>,
): Record<string, unknown>[] {
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  const existing = list.find((x) => x.type === c.type);
  const merged = {
    lastProbeTime: null,
    lastTransitionTime: existing && existing.status === c.status ? existing.lastTransitionTime : now,
    ...c,
  };
  return [...list.filter((x) => x.type !== c.type), merged];
}
