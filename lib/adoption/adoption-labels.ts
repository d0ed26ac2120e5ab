/**
 * What a labelled VM's `kubevirt-shepherd.io/*` labels (SPEC §4) say about adopting it, before the database
 * is asked whether its system and service exist: either the governance to record, or why the labels cannot
 * name one (MALFORMED_LABELS: system or service missing or breaking the SPEC §3 naming rule, an instance that
 * is not a number from 1 to 999). Pure; the scan and the adopt both read labels through it.
 */
import type { VMGovernance } from "@/lib/domain";
import { isGovernanceName } from "@/lib/domain/governance-name";

export interface AdoptableLabels {
  ok: true;
  system: string;
  service: string;
  /** As labelled ("01"); null when the VM carries no instance label. */
  instance: string | null;
  instanceNumber: number | null;
  ticketId: string | null;
  createdBy: string | null;
  hostname: string | null;
}

export interface MalformedLabels {
  ok: false;
  system: string | null;
  service: string | null;
  /** English, for logs: which label is wrong. */
  detail: string;
}

/** Up to three digits (SPEC §25 #37); instance numbers start at 1 like next_instance_index. */
const INSTANCE = /^[0-9]{1,3}$/;

export function readAdoptionLabels(governance: VMGovernance): AdoptableLabels | MalformedLabels {
  const system = governance.system ?? null;
  const service = governance.service ?? null;
  const malformed = (detail: string): MalformedLabels => ({ ok: false, system, service, detail });
  if (system === null)
    return malformed(service === null ? "no system and service labels" : "no system label");
  if (service === null) return malformed("system label without a service label");
  if (!isGovernanceName(system)) return malformed(`system "${system}" breaks the naming rule`);
  if (!isGovernanceName(service)) return malformed(`service "${service}" breaks the naming rule`);
  const instance = governance.instance ?? null;
  let instanceNumber: number | null = null;
  if (instance !== null) {
    instanceNumber = INSTANCE.test(instance) ? Number(instance) : 0;
    if (instanceNumber < 1) return malformed(`instance "${instance}" is not a number from 1 to 999`);
  }
  return {
    ok: true,
    system,
    service,
    instance,
    instanceNumber,
    ticketId: governance.ticketId ?? null,
    createdBy: governance.createdBy ?? null,
    hostname: governance.hostname ?? null,
  };
}

/** The service's next_instance_index once `instance` is taken: above it, and never lower than before. */
export function nextInstanceIndexAfter(current: number, instanceNumber: number | null): number {
  return instanceNumber === null ? current : Math.max(current, instanceNumber + 1);
}
