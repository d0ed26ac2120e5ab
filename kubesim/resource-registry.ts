// Which resources the API serves right now: the built-ins plus whatever the stored CRDs define. Removing a
// CRD (profile "KubeVirt missing") makes its group vanish from discovery and its paths 404, as on a cluster.

import type { ResourceStore } from "./resource-store.ts";
import { BUILTIN_TYPES, type ResourceType, rkeyOf, typeFromCrd, typeKey } from "./resource-type.ts";

export const CRD_RKEY = typeKey("apiextensions.k8s.io", "customresourcedefinitions");

export interface ServedGroup {
  name: string;
  versions: string[];
}

export class ResourceRegistry {
  private types = new Map<string, ResourceType>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ResourceStore) {
    this.rebuild();
    this.unsubscribe = store.onTypeEvent(CRD_RKEY, () => this.rebuild());
  }

  dispose(): void {
    this.unsubscribe();
  }

  private rebuild(): void {
    const next = new Map<string, ResourceType>();
    for (const t of BUILTIN_TYPES) next.set(rkeyOf(t), t);
    for (const crd of this.store.list(CRD_RKEY)) {
      const t = typeFromCrd(crd);
      if (t) next.set(rkeyOf(t), t);
    }
    this.types = next;
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  get(group: string, plural: string): ResourceType | undefined {
    return this.types.get(typeKey(group, plural));
  }

  resolve(group: string, version: string, plural: string): ResourceType | undefined {
    const t = this.types.get(typeKey(group, plural));
    return t?.versions.includes(version) ? t : undefined;
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.kind === kind);
  }

  /** Groups in discovery order: core-ish built-ins first, then CRD groups alphabetically. */
  groups(): ServedGroup[] {
    const map = new Map<string, Set<string>>();
    for (const t of this.types.values()) {
      if (t.group === "") continue;
      let s = map.get(t.group);
      if (!s) {
        s = new Set();
        map.set(t.group, s);
      }
      for (const v of t.versions) s.add(v);
    }
    const prio = ["apiregistration.k8s.io", "storage.k8s.io", "apiextensions.k8s.io"];
    return [...map.entries()]
      .sort(([a], [b]) => {
        const pa = prio.indexOf(a);
        const pb = prio.indexOf(b);
        if (pa !== pb) return (pa < 0 ? 99 : pa) - (pb < 0 ? 99 : pb);
        return a.localeCompare(b);
      })
      .map(([name, vs]) => ({ name, versions: sortVersions([...vs]) }));
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
export function sortVersions(vs: string[]): string[] {
  const score = (v: string): number[] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const stage = m[2] === "alpha" ? 1 : m[2] === "beta" ? 2 : 3;
    return [stage, Number(m[1]), Number(m[3] ?? 0)];
  };
  return vs.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < 3; i++) if ((sa[i] ?? 0) !== (sb[i] ?? 0)) return (sb[i] ?? 0) - (sa[i] ?? 0);
    return 0;
  });
}
