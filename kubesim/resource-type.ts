// What the API knows about one resource: names, scope, served versions, verbs and printer columns. Built-in
// types are fixed; custom resources are derived from the CRD objects in the store, as the apiserver does.
import { asArray, asRecord, asString, isRecord, type KObject } from "./types.ts";

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ResourceType {
  group: string;
  /** Served versions; the first is the storage version. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  statusSubresource: boolean;
  printerColumns: PrinterColumn[];
  /** JSON schema of the object per version (from the CRD), for OpenAPI. */
  schema?: unknown;
}

export const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export function typeKey(group: string, plural: string): string {
  return `${group}/${plural}`;
}

export function rkeyOf(t: ResourceType): string {
  return typeKey(t.group, t.plural);
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

const AGE: PrinterColumn = { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" };

function builtin(
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  statusSubresource: boolean,
  columns: PrinterColumn[] = [AGE],
): ResourceType {
  return {
    group,
    versions: [version],
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames,
    categories: [],
    statusSubresource,
    printerColumns: columns,
  };
}

export const BUILTIN_TYPES: ResourceType[] = [
  builtin("", "v1", "namespaces", "Namespace", false, ["ns"], true, [
    { name: "Status", type: "string", jsonPath: ".status.phase" },
    AGE,
  ]),
  builtin("", "v1", "nodes", "Node", false, ["no"], true, [
    { name: "Status", type: "string", jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
    AGE,
  ]),
  // core/v1 Event: kubectl's own columns (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE).
  builtin("", "v1", "events", "Event", true, ["ev"], false, [
    { name: "Last Seen", type: "date", jsonPath: ".lastTimestamp" },
    { name: "Type", type: "string", jsonPath: ".type" },
    { name: "Reason", type: "string", jsonPath: ".reason" },
    { name: "Object", type: "string", jsonPath: ".involvedObject.name" },
    { name: "Message", type: "string", jsonPath: ".message" },
  ]),
  builtin("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, ["sc"], false, [
    { name: "Provisioner", type: "string", jsonPath: ".provisioner" },
    AGE,
  ]),
  builtin(
    "apiextensions.k8s.io",
    "v1",
    "customresourcedefinitions",
    "CustomResourceDefinition",
    false,
    ["crd", "crds"],
    true,
    [{ name: "Created At", type: "date", jsonPath: ".metadata.creationTimestamp" }],
  ),
  builtin("apiregistration.k8s.io", "v1", "apiservices", "APIService", false, [], true, [
    { name: "Service", type: "string", jsonPath: ".spec.service.name" },
    { name: "Available", type: "string", jsonPath: ".status.conditions[?(@.type=='Available')].status" },
    AGE,
  ]),
];

/** Derives a served resource type from a CRD object; undefined if the CRD serves nothing. */
export function typeFromCrd(crd: KObject): ResourceType | undefined {
  const spec = asRecord(crd.spec);
  const names = asRecord(spec.names);
  const group = asString(spec.group);
  const plural = asString(names.plural);
  const kind = asString(names.kind);
  if (!group || !plural || !kind) return undefined;
  const versions = asArray(spec.versions).filter(isRecord);
  const served = versions.filter((v) => v.served !== false);
  if (served.length === 0) return undefined;
  const storage = served.find((v) => v.storage === true) ?? served[0];
  const ordered = [storage, ...served.filter((v) => v !== storage)].filter(isRecord);
  const first = ordered[0] ?? {};
  const cols = asArray(first.additionalPrinterColumns)
    .filter(isRecord)
    .map((c) => ({
      name: asString(c.name) ?? "",
      type: asString(c.type) ?? "string",
      jsonPath: asString(c.jsonPath) ?? "",
      description: asString(c.description),
      priority: typeof c.priority === "number" ? c.priority : undefined,
    }));
  return {
    group,
    versions: ordered.map((v) => asString(v.name) ?? "v1"),
    plural,
    singular: asString(names.singular) ?? kind.toLowerCase(),
    kind,
    namespaced: spec.scope !== "Cluster",
    shortNames: asArray(names.shortNames).filter((s): s is string => typeof s === "string"),
    categories: asArray(names.categories).filter((s): s is string => typeof s === "string"),
    statusSubresource: isRecord(asRecord(first.subresources).status),
    printerColumns: cols.length > 0 ? cols : [AGE],
    schema: asRecord(first.schema).openAPIV3Schema,
  };
}
