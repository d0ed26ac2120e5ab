// Discovery documents (legacy, non-aggregated form, which kubectl and client-node accept): /version, /api,
// /api/v1, /apis, /apis/{g}, /apis/{g}/{v}. KubeVirt's subresource group is announced via its APIService.

import type { ResourceRegistry, ServedGroup } from "./resource-registry.ts";
import { ALL_VERBS, apiVersionOf, type ResourceType } from "./resource-type.ts";

export const KUBE_VERSION = { major: "1", minor: "33", gitVersion: "v1.33.4" };

export function versionInfo(): Record<string, string> {
  return {
    major: KUBE_VERSION.major,
    minor: KUBE_VERSION.minor,
    gitVersion: KUBE_VERSION.gitVersion,
    gitCommit: "74cdb426e1a0da6c8f8d1e0e2e6a3b6b8a2b8f9e",
    gitTreeState: "clean",
    buildDate: "2025-08-12T00:00:00Z",
    goVersion: "go1.24.5",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

export const SUBRESOURCES_GROUP = "subresources.kubevirt.io";

export const KUBEVIRT_SUBRESOURCES: { name: string; verbs: string[] }[] = [
  { name: "virtualmachines/start", verbs: ["update"] },
  { name: "virtualmachines/stop", verbs: ["update"] },
  { name: "virtualmachines/restart", verbs: ["update"] },
  { name: "virtualmachines/migrate", verbs: ["update"] },
  { name: "virtualmachineinstances/pause", verbs: ["update"] },
  { name: "virtualmachineinstances/unpause", verbs: ["update"] },
];

export function apiVersions(): Record<string, unknown> {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
  };
}

function groupDoc(g: ServedGroup): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(
  registry: ResourceRegistry,
  extraGroups: ServedGroup[],
): Record<string, unknown> {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...registry.groups(), ...extraGroups].map(groupDoc),
  };
}

export function apiGroup(g: ServedGroup): Record<string, unknown> {
  return { kind: "APIGroup", apiVersion: "v1", ...groupDoc(g) };
}

export function resourceList(types: ResourceType[], group: string, version: string): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    if (t.group !== group || !t.versions.includes(version)) continue;
    const r: Record<string, unknown> = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ALL_VERBS,
    };
    if (t.shortNames.length > 0) r.shortNames = t.shortNames;
    if (t.categories.length > 0) r.categories = t.categories;
    resources.push(r);
    if (t.statusSubresource) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: "",
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ["get", "patch", "update"],
      });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: apiVersionOf(group, version), resources };
}

export function subresourceList(version: string): Record<string, unknown> {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: `${SUBRESOURCES_GROUP}/${version}`,
    resources: KUBEVIRT_SUBRESOURCES.map((s) => ({
      name: s.name,
      singularName: "",
      namespaced: true,
      kind: "",
      verbs: s.verbs,
    })),
  };
}
