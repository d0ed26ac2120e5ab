/**
 * The SPEC §3 check of a new System, Service or Namespace name, as the API answers it: throws NAME_TOO_LONG
 * (over 15) or NAME_INVALID (breaks the RFC 1035 rule or has "--"), otherwise returns the soft warnings —
 * `NAME_LENGTH_WARNING: …` when the name is longer than 12. The rule itself is `isGovernanceName`, the one
 * the adoption scan reads labels with.
 */
import { AppError } from "@/lib/errors/app-error";
import { GOVERNANCE_NAME_MAX_LENGTH, isGovernanceName } from "./governance-name";

/** Longer names are allowed but leave little room in the generated VM name (SPEC §3). */
export const GOVERNANCE_NAME_WARN_LENGTH = 12;
export const NAME_LENGTH_WARNING = "NAME_LENGTH_WARNING";

export type GovernanceEntity = "system" | "service" | "namespace";

export function validateGovernanceName(entity: GovernanceEntity, name: string): string[] {
  if (name.length > GOVERNANCE_NAME_MAX_LENGTH) {
    throw new AppError("NAME_TOO_LONG", {
      entity,
      name,
      length: name.length,
      max_length: GOVERNANCE_NAME_MAX_LENGTH,
      suggestion: name.slice(0, GOVERNANCE_NAME_MAX_LENGTH).replace(/-+$/, ""),
    });
  }
  if (!isGovernanceName(name)) throw new AppError("NAME_INVALID", { entity, name });
  return name.length > GOVERNANCE_NAME_WARN_LENGTH
    ? [
        `${NAME_LENGTH_WARNING}: ${entity} name "${name}" has ${name.length} characters; more than ${GOVERNANCE_NAME_WARN_LENGTH} leaves little room in VM names`,
      ]
    : [];
}
