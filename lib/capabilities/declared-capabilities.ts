/**
 * Hardware capabilities an admin declares on a cluster by hand (issue 7: "Admin-declared hardware
 * capabilities", "kept apart from detected ones"), stored in `clusters.admin_declared_capabilities` as
 * `{capabilities, note, updated_by, updated_at}`. A token is accepted only when it is a hardware requirement key
 * SPEC §14.4 knows — `gpu`, `gpu:<device-plugin resource>`, `sriov`, `hugepages`, `hugepages:<size>` — and kept
 * in one canonical spelling (page sizes as Kubernetes writes them), so matching and display agree. Feature
 * gates are not declarable: they are KubeVirt's configuration, detected, and the provider's refusals rest on
 * them.
 */
import { HardwareKey, normalizeRequirement } from "./requirements";

/** A device-plugin resource name, as in node capacity: `<vendor domain>/<resource>`. */
const RESOURCE_NAME = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PAGE_SIZE = /^hugepages:(\d+)([kmgt])i$/;

/** The canonical spelling of a declared token, or undefined when it names nothing Shepherd knows. */
export function canonicalDeclaredCapability(token: string): string | undefined {
  const text = token.trim();
  if (text === "" || text.length > 253) return undefined;
  const key = normalizeRequirement(text);
  if (key === HardwareKey.GPU || key === HardwareKey.SRIOV || key === HardwareKey.HUGEPAGES) return key;
  const page = PAGE_SIZE.exec(key);
  if (page) return `hugepages:${page[1]}${page[2]?.toUpperCase()}i`;
  if (key.startsWith("gpu:")) {
    const resource = /^gpu:/i.test(text) ? text.slice(4).trim() : text;
    return RESOURCE_NAME.test(resource) ? `gpu:${resource}` : undefined;
  }
  return undefined;
}

export interface DeclaredCapabilities {
  capabilities: string[];
  note: string | null;
  updated_by: string | null;
  updated_at: string | null;
}

export const NO_DECLARED_CAPABILITIES: DeclaredCapabilities = {
  capabilities: [],
  note: null,
  updated_by: null,
  updated_at: null,
};

/** The stored JSON read defensively (older rows may hold a bare token list or a `{token: true}` map). */
export function readDeclaredCapabilities(value: unknown): DeclaredCapabilities {
  if (Array.isArray(value)) {
    return { ...NO_DECLARED_CAPABILITIES, capabilities: value.filter((v) => typeof v === "string") };
  }
  if (typeof value !== "object" || value === null) return NO_DECLARED_CAPABILITIES;
  const record = value as Record<string, unknown>;
  if (!Array.isArray(record.capabilities)) {
    return {
      ...NO_DECLARED_CAPABILITIES,
      capabilities: Object.entries(record)
        .filter(([, v]) => v === true)
        .map(([k]) => k),
    };
  }
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    capabilities: record.capabilities.filter((v): v is string => typeof v === "string"),
    note: text(record.note),
    updated_by: text(record.updated_by),
    updated_at: text(record.updated_at),
  };
}
