/**
 * Legacy API discovery (`GET /apis`, an APIGroupList): which groups and versions the cluster serves. One call
 * answers "is KubeVirt installed" (kubevirt.io), which optional KubeVirt APIs exist, and doubles as the
 * connectivity and authentication probe of the health check. CRDs being present says nothing about gates:
 * admission is where gates bite (KUBEVIRT-API.md §4.9).
 */
import "server-only";
import type { KubeTransport } from "../k8s/kube-client";

export interface ServedGroup {
  versions: string[];
  preferred?: string;
}

/** Group name → what it serves. */
export type ApiDiscovery = ReadonlyMap<string, ServedGroup>;

export async function discoverApiGroups(
  transport: KubeTransport,
  signal?: AbortSignal,
): Promise<ApiDiscovery> {
  const body = await transport.request<unknown>({
    method: "GET",
    path: "/apis",
    ...(signal ? { signal } : {}),
  });
  return readApiGroupList(body);
}

export function readApiGroupList(body: unknown): ApiDiscovery {
  const groups = new Map<string, ServedGroup>();
  const list = isRecord(body) && Array.isArray(body.groups) ? body.groups : [];
  for (const g of list) {
    if (!isRecord(g) || typeof g.name !== "string") continue;
    const versions = (Array.isArray(g.versions) ? g.versions : [])
      .map((v) => (isRecord(v) ? v.version : undefined))
      .filter((v): v is string => typeof v === "string" && v !== "");
    const preferred = isRecord(g.preferredVersion) ? g.preferredVersion.version : undefined;
    groups.set(g.name, { versions, ...(typeof preferred === "string" ? { preferred } : {}) });
  }
  return groups;
}

/** The versions `group` serves (empty when absent). */
export function servedVersions(discovery: ApiDiscovery, group: string): string[] {
  return [...(discovery.get(group)?.versions ?? [])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
