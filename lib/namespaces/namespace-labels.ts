/**
 * Labels Shepherd puts on a namespace it creates (SPEC §4, ADR-0017 just-in-time namespaces). ADR-0017 also
 * names `shepherd.io/created-at`, but an RFC 3339 time contains ":", which a label value may not (SPEC §25
 * #14); Kubernetes records `metadata.creationTimestamp` anyway, so it is left out.
 */
export const NAMESPACE_LABEL = {
  environment: "shepherd.io/environment",
  managedBy: "shepherd.io/managed-by",
} as const;

export const NAMESPACE_MANAGED_BY_VALUE = "shepherd";

export function namespaceLabels(environment: "test" | "prod"): Record<string, string> {
  return {
    [NAMESPACE_LABEL.environment]: environment,
    [NAMESPACE_LABEL.managedBy]: NAMESPACE_MANAGED_BY_VALUE,
  };
}
