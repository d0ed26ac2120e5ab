/**
 * The naming rule of System, Service and Namespace names (SPEC §3, ADR-0019): an RFC 1035 label of at most
 * 15 characters with no "--". The database CHECKs on systems and services say the same.
 */
export const GOVERNANCE_NAME_MAX_LENGTH = 15;

const PATTERN = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

export function isGovernanceName(name: string): boolean {
  return name.length <= GOVERNANCE_NAME_MAX_LENGTH && PATTERN.test(name) && !name.includes("--");
}
