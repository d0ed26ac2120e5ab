// What defineRoute / defineAction attach to the functions they return: the declared permission, readable by
// the authorization-matrix test without calling anything.
import type { Permission } from "@/lib/auth/permissions";

export const ENDPOINT_META = Symbol.for("shepherd.endpoint");

export interface EndpointMeta {
  kind: "route" | "action";
  permission: Permission;
}

export function endpointMetaOf(value: unknown): EndpointMeta | undefined {
  if (typeof value !== "function") return undefined;
  const meta: unknown = (value as unknown as Record<symbol, unknown>)[ENDPOINT_META];
  return typeof meta === "object" && meta !== null ? (meta as EndpointMeta) : undefined;
}
