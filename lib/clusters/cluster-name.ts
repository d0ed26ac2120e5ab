/**
 * The cluster name rule: a DNS label (it appears in logs, metrics and URLs). server/clusters/register-cluster.ts
 * enforces this pattern; the registration form uses it to hint as the admin types.
 */
export const CLUSTER_NAME_MAX_LENGTH = 63;

export const CLUSTER_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function isValidClusterName(name: string): boolean {
  return name.length <= CLUSTER_NAME_MAX_LENGTH && CLUSTER_NAME_PATTERN.test(name);
}
