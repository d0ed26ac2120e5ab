// The CRDs a KubeVirt installation (plus Multus) registers, as CustomResourceDefinition objects. Served
// versions depend on the simulated KubeVirt release (KUBEVIRT-API.md §4.5–§4.8); printer columns are
// KubeVirt's, so Table output matches `kubectl get`.
import { parseKubeVirtVersion } from "./feature-gates.ts";
import type { PrinterColumn } from "./resource-type.ts";
import type { KObject } from "./types.ts";

interface CrdDef {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  scope: "Namespaced" | "Cluster";
  shortNames: string[];
  categories?: string[];
  versions: (ver: number) => string[];
  status: boolean;
  columns: PrinterColumn[];
  spec?: Record<string, unknown>;
}

const v = (s: string) => parseKubeVirtVersion(s);
const AGE: PrinterColumn = { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" };
const all = ["all"];

const VM_SPEC = {
  type: "object",
  description: "Spec contains the specification of VirtualMachineInstance created",
  "x-kubernetes-preserve-unknown-fields": true,
  properties: {
    running: {
      type: "boolean",
      description:
        'Running controls whether the associatied VirtualMachineInstance is created or not. Deprecated: VirtualMachineInstance field "Running" is now deprecated, use RunStrategy instead.',
    },
    runStrategy: {
      type: "string",
      description:
        "Running state indicates the requested running state of the VirtualMachineInstance, mutually exclusive with Running",
    },
    template: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    instancetype: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    preference: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    dataVolumeTemplates: {
      type: "array",
      items: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
  },
};

export const KUBEVIRT_CRDS: CrdDef[] = [
  {
    group: "kubevirt.io",
    plural: "virtualmachines",
    singular: "virtualmachine",
    kind: "VirtualMachine",
    scope: "Namespaced",
    shortNames: ["vm", "vms"],
    categories: all,
    versions: () => ["v1", "v1alpha3"],
    status: true,
    columns: [
      AGE,
      { name: "Status", type: "string", jsonPath: ".status.printableStatus" },
      { name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
    ],
    spec: VM_SPEC,
  },
  {
    group: "kubevirt.io",
    plural: "virtualmachineinstances",
    singular: "virtualmachineinstance",
    kind: "VirtualMachineInstance",
    scope: "Namespaced",
    shortNames: ["vmi", "vmis"],
    categories: all,
    versions: () => ["v1", "v1alpha3"],
    status: false,
    columns: [
      AGE,
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
      { name: "IP", type: "string", jsonPath: ".status.interfaces[0].ipAddress" },
      { name: "NodeName", type: "string", jsonPath: ".status.nodeName" },
      { name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
      {
        name: "Live-Migratable",
        type: "string",
        jsonPath: ".status.conditions[?(@.type=='LiveMigratable')].status",
        priority: 1,
      },
      {
        name: "Paused",
        type: "string",
        jsonPath: ".status.conditions[?(@.type=='Paused')].status",
        priority: 1,
      },
    ],
  },
  {
    group: "kubevirt.io",
    plural: "virtualmachineinstancemigrations",
    singular: "virtualmachineinstancemigration",
    kind: "VirtualMachineInstanceMigration",
    scope: "Namespaced",
    shortNames: ["vmim", "vmims"],
    categories: all,
    versions: () => ["v1", "v1alpha3"],
    status: true,
    columns: [
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
      { name: "VMI", type: "string", jsonPath: ".spec.vmiName" },
    ],
  },
  {
    group: "kubevirt.io",
    plural: "kubevirts",
    singular: "kubevirt",
    kind: "KubeVirt",
    scope: "Namespaced",
    shortNames: ["kv", "kvs"],
    categories: all,
    versions: () => ["v1", "v1alpha3"],
    status: true,
    columns: [AGE, { name: "Phase", type: "string", jsonPath: ".status.phase" }],
  },
  {
    group: "snapshot.kubevirt.io",
    plural: "virtualmachinesnapshots",
    singular: "virtualmachinesnapshot",
    kind: "VirtualMachineSnapshot",
    scope: "Namespaced",
    shortNames: ["vmsnapshot", "vmsnapshots"],
    categories: all,
    versions: (ver) => (ver >= v("1.3") ? ["v1beta1", "v1alpha1"] : ["v1alpha1"]),
    status: true,
    columns: [
      { name: "SourceKind", type: "string", jsonPath: ".spec.source.kind" },
      { name: "SourceName", type: "string", jsonPath: ".spec.source.name" },
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
      { name: "ReadyToUse", type: "boolean", jsonPath: ".status.readyToUse" },
      { name: "CreationTime", type: "date", jsonPath: ".status.creationTime" },
      { name: "Error", type: "string", jsonPath: ".status.error.message" },
    ],
  },
  {
    group: "snapshot.kubevirt.io",
    plural: "virtualmachinerestores",
    singular: "virtualmachinerestore",
    kind: "VirtualMachineRestore",
    scope: "Namespaced",
    shortNames: ["vmrestore", "vmrestores"],
    categories: all,
    versions: (ver) => (ver >= v("1.3") ? ["v1beta1", "v1alpha1"] : ["v1alpha1"]),
    status: true,
    columns: [
      { name: "TargetKind", type: "string", jsonPath: ".spec.target.kind" },
      { name: "TargetName", type: "string", jsonPath: ".spec.target.name" },
      { name: "Complete", type: "boolean", jsonPath: ".status.complete" },
      { name: "RestoreTime", type: "date", jsonPath: ".status.restoreTime" },
      { name: "Error", type: "string", jsonPath: ".status.error.message" },
    ],
  },
  {
    group: "clone.kubevirt.io",
    plural: "virtualmachineclones",
    singular: "virtualmachineclone",
    kind: "VirtualMachineClone",
    scope: "Namespaced",
    shortNames: ["vmclone", "vmclones"],
    categories: all,
    versions: (ver) => (ver >= v("1.5") ? ["v1beta1", "v1alpha1"] : ["v1alpha1"]),
    status: true,
    columns: [
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
      { name: "SourceVirtualMachine", type: "string", jsonPath: ".spec.source.name" },
      { name: "TargetVirtualMachine", type: "string", jsonPath: ".spec.target.name" },
    ],
  },
  ...[
    "VirtualMachineInstancetype",
    "VirtualMachineClusterInstancetype",
    "VirtualMachinePreference",
    "VirtualMachineClusterPreference",
  ].map((kind): CrdDef => {
    const cluster = kind.includes("Cluster");
    const base = kind.replace("VirtualMachine", "").toLowerCase();
    const short = cluster
      ? kind.endsWith("Instancetype")
        ? ["vmcf", "vmcfs", "vmcluster"]
        : ["vmcp", "vmcps"]
      : kind.endsWith("Instancetype")
        ? ["vmf", "vmfs"]
        : ["vmp", "vmps"];
    return {
      group: "instancetype.kubevirt.io",
      plural: `virtualmachine${base}s`,
      singular: `virtualmachine${base}`,
      kind,
      scope: cluster ? "Cluster" : "Namespaced",
      shortNames: short,
      categories: all,
      versions: (ver) => (ver >= v("1.6") ? ["v1beta1"] : ["v1beta1", "v1alpha2", "v1alpha1"]),
      status: false,
      columns: [AGE],
    };
  }),
  {
    group: "export.kubevirt.io",
    plural: "virtualmachineexports",
    singular: "virtualmachineexport",
    kind: "VirtualMachineExport",
    scope: "Namespaced",
    shortNames: ["vmexport", "vmexports"],
    categories: all,
    versions: (ver) =>
      ver >= v("1.9") ? ["v1", "v1beta1"] : ver >= v("1.3") ? ["v1beta1", "v1alpha1"] : ["v1alpha1"],
    status: true,
    columns: [
      { name: "SourceKind", type: "string", jsonPath: ".spec.source.kind" },
      { name: "SourceName", type: "string", jsonPath: ".spec.source.name" },
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
    ],
  },
  {
    group: "pool.kubevirt.io",
    plural: "virtualmachinepools",
    singular: "virtualmachinepool",
    kind: "VirtualMachinePool",
    scope: "Namespaced",
    shortNames: ["vmpool", "vmpools"],
    categories: all,
    versions: (ver) => (ver >= v("1.7") ? ["v1beta1", "v1alpha1"] : ["v1alpha1"]),
    status: true,
    columns: [AGE],
  },
  {
    group: "migrations.kubevirt.io",
    plural: "migrationpolicies",
    singular: "migrationpolicy",
    kind: "MigrationPolicy",
    scope: "Cluster",
    shortNames: [],
    categories: all,
    versions: () => ["v1alpha1"],
    status: true,
    columns: [AGE],
  },
];

export const MULTUS_CRD: CrdDef = {
  group: "k8s.cni.cncf.io",
  plural: "network-attachment-definitions",
  singular: "network-attachment-definition",
  kind: "NetworkAttachmentDefinition",
  scope: "Namespaced",
  shortNames: ["net-attach-def"],
  versions: () => ["v1"],
  status: false,
  columns: [AGE],
};

function schemaFor(d: CrdDef): Record<string, unknown> {
  const open = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
  return {
    type: "object",
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: d.spec ?? open,
      status: open,
    },
    ...(d.group === "k8s.cni.cncf.io" ? {} : { required: ["spec"] }),
  };
}

export function crdObject(d: CrdDef, kubevirtVersion: string): KObject {
  const ver = parseKubeVirtVersion(kubevirtVersion);
  const versions = d.versions(ver);
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${d.plural}.${d.group}`,
      labels:
        d.group === "k8s.cni.cncf.io"
          ? {}
          : { "app.kubernetes.io/component": "kubevirt", "app.kubernetes.io/managed-by": "virt-operator" },
    },
    spec: {
      group: d.group,
      names: {
        plural: d.plural,
        singular: d.singular,
        kind: d.kind,
        listKind: `${d.kind}List`,
        shortNames: d.shortNames,
        categories: d.categories,
      },
      scope: d.scope,
      versions: versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        schema: { openAPIV3Schema: schemaFor(d) },
        subresources: d.status ? { status: {} } : undefined,
        additionalPrinterColumns: d.columns,
      })),
    },
    status: {
      conditions: [
        { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found" },
        {
          type: "Established",
          status: "True",
          reason: "InitialNamesAccepted",
          message: "the initial names have been accepted",
        },
      ],
      acceptedNames: { plural: d.plural, singular: d.singular, kind: d.kind, listKind: `${d.kind}List` },
      storedVersions: [versions[0] ?? "v1"],
    },
  };
}
