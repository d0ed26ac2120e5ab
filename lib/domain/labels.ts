/**
 * Shepherd's Kubernetes labels and annotation (SPEC §4): set on every VM the provider creates, read by the
 * mapper and by adoption. One table, so the writer and the readers cannot drift apart.
 */
import type { VMGovernance } from "./vm";

export const ShepherdLabel = {
  managedBy: "kubevirt-shepherd.io/managed-by",
  system: "kubevirt-shepherd.io/system",
  service: "kubevirt-shepherd.io/service",
  instance: "kubevirt-shepherd.io/instance",
  ticketId: "kubevirt-shepherd.io/ticket-id",
  createdBy: "kubevirt-shepherd.io/created-by",
  hostname: "kubevirt-shepherd.io/hostname",
  /** Implementation extra (SPEC §4): the governance row's service id. */
  serviceId: "shepherd.io/service-id",
} as const;

/** The value of `kubevirt-shepherd.io/managed-by` on VMs Shepherd manages. */
export const MANAGED_BY_VALUE = "kubevirt-shepherd";
export const FQDN_ANNOTATION = "kubevirt-shepherd.io/fqdn";

const GOVERNANCE_FIELDS = ["system", "service", "instance", "ticketId", "createdBy", "hostname"] as const;

/**
 * Governance from the §4 labels on a VM, each key falling back to its template's labels (a VM built
 * elsewhere may carry them only there). Undefined when no key is present. Tolerates any input shape.
 */
export function readGovernance(vmLabels: unknown, templateLabels?: unknown): VMGovernance | undefined {
  const get = (key: string): string | undefined =>
    labelValue(vmLabels, key) ?? labelValue(templateLabels, key);
  const managedBy = get(ShepherdLabel.managedBy);
  const out: VMGovernance = { managed: managedBy === MANAGED_BY_VALUE };
  let any = managedBy !== undefined;
  for (const field of GOVERNANCE_FIELDS) {
    const v = get(ShepherdLabel[field]);
    if (v !== undefined) {
      out[field] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

function labelValue(labels: unknown, key: string): string | undefined {
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) return undefined;
  const v = (labels as Record<string, unknown>)[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}
