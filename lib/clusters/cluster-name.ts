/**
 * The cluster name rule as the registration form hints it: a DNS label (it appears in logs, metrics and
 * URLs), the same pattern server/clusters/register-cluster.ts enforces. The server stays the authority.
 */
export const CLUSTER_NAME_MAX_LENGTH = 63;

const CLUSTER_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function isValidClusterName(name: string): boolean {
  return name.length <= CLUSTER_NAME_MAX_LENGTH && CLUSTER_NAME_PATTERN.test(name);
}
