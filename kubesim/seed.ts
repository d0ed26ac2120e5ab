// Builds a profile's cluster directly in the store: namespaces, nodes, storage, KubeVirt's CRDs/CR/APIService,
// networks, instancetypes and N VMs (consistent VM+VMI pairs for running ones, so no controller churn).
import { randomUUID } from "node:crypto";
import { FAILURE_ANNOTATION, type FailureScenario } from "./controller.ts";
import { crdObject, KUBEVIRT_CRDS, MULTUS_CRD } from "./crds.ts";
import { RK, SUBRESOURCES_APISERVICE } from "./kubevirt-info.ts";
import type { NodeSpec, Profile } from "./profile.ts";
import type { ResourceStore } from "./resource-store.ts";
import { typeKey } from "./resource-type.ts";
import type { KObject } from "./types.ts";

const ts = (): string => `${new Date().toISOString().slice(0, 19)}Z`;

function materialize(o: KObject): KObject {
  return {
    ...o,
    metadata: {
      ...o.metadata,
      uid: randomUUID(),
      creationTimestamp: o.metadata.creationTimestamp ?? ts(),
      generation: 1,
    },
  };
}

export function nodeObject(n: NodeSpec): KObject {
  const resources: Record<string, string> = {
    cpu: String(n.cpu),
    memory: `${n.memoryGi}Gi`,
    pods: "110",
    "ephemeral-storage": "100Gi",
    "devices.kubevirt.io/kvm": "1k",
    "devices.kubevirt.io/tun": "1k",
    "devices.kubevirt.io/vhost-net": "1k",
    "hugepages-2Mi": n.hugepages2Mi ?? "0",
    "hugepages-1Gi": n.hugepages1Gi ?? "0",
  };
  if (n.gpus > 0) resources[n.gpuResource] = String(n.gpus);
  return materialize({
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: n.name,
      labels: {
        "kubernetes.io/hostname": n.name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubevirt.io/schedulable": n.schedulable ? "true" : "false",
        "cpu-model.node.kubevirt.io/Skylake-Client-IBRS": "true",
        "host-model-cpu.node.kubevirt.io/Skylake-Client-IBRS": "true",
        ...n.labels,
      },
      annotations: { "kubevirt.io/heartbeat": ts() },
    },
    spec: { podCIDR: "10.244.0.0/24" },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        {
          type: "Ready",
          status: "True",
          reason: "KubeletReady",
          message: "kubelet is posting ready status",
          lastHeartbeatTime: ts(),
          lastTransitionTime: ts(),
        },
      ],
      addresses: [
        { type: "InternalIP", address: "192.168.10.10" },
        { type: "Hostname", address: n.name },
      ],
      nodeInfo: {
        kubeletVersion: "v1.33.4",
        containerRuntimeVersion: "containerd://2.0.5",
        osImage: "Fedora CoreOS 42",
        architecture: "amd64",
        operatingSystem: "linux",
      },
    },
  });
}

function namespaceObject(name: string): KObject {
  return materialize({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  });
}

export function kubevirtCr(p: Profile): KObject {
  const degraded = p.kubevirt === "degraded";
  const cond = (type: string, status: boolean, reason: string, message: string) => ({
    type,
    status: status ? "True" : "False",
    reason,
    message,
    lastProbeTime: ts(),
    lastTransitionTime: ts(),
  });
  const developerConfiguration: Record<string, string[]> = { featureGates: p.featureGates };
  if (p.disabledFeatureGates.length > 0) developerConfiguration.disabledFeatureGates = p.disabledFeatureGates;
  return materialize({
    apiVersion: "kubevirt.io/v1",
    kind: "KubeVirt",
    metadata: { name: "kubevirt", namespace: p.kubevirtNamespace, finalizers: ["foregroundDeleteKubeVirt"] },
    spec: {
      certificateRotateStrategy: {},
      configuration: { developerConfiguration },
      customizeComponents: {},
      imagePullPolicy: "IfNotPresent",
      workloadUpdateStrategy: {},
    },
    status: {
      phase: "Deployed",
      conditions: [
        cond(
          "Available",
          !degraded,
          degraded ? "DeploymentNotReady" : "AllComponentsReady",
          degraded ? "virt-api deployment is not ready" : "All components are ready.",
        ),
        cond("Progressing", false, "AllComponentsReady", "All components are ready."),
        cond(
          "Degraded",
          degraded,
          degraded ? "DeploymentNotReady" : "AllComponentsReady",
          degraded ? "virt-api deployment is not ready" : "All components are ready.",
        ),
        cond("Created", true, "AllResourcesCreated", "All resources were created."),
      ],
      observedKubeVirtVersion: p.kubevirtVersion,
      targetKubeVirtVersion: p.kubevirtVersion,
      operatorVersion: p.kubevirtVersion,
      observedKubeVirtRegistry: "quay.io/kubevirt",
      defaultArchitecture: "amd64",
      outdatedVirtualMachineInstanceWorkloads: 0,
    },
  });
}

export function apiServiceObject(available: boolean): KObject {
  return materialize({
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: { name: SUBRESOURCES_APISERVICE, labels: { "kubevirt.io": "" } },
    spec: {
      group: "subresources.kubevirt.io",
      version: "v1",
      groupPriorityMinimum: 1000,
      versionPriority: 15,
      service: { name: "virt-api", namespace: "kubevirt", port: 443 },
    },
    status: {
      conditions: [
        available
          ? {
              type: "Available",
              status: "True",
              reason: "Passed",
              message: "all checks passed",
              lastTransitionTime: ts(),
            }
          : {
              type: "Available",
              status: "False",
              reason: "MissingEndpoints",
              message:
                'endpoints for service/virt-api in "kubevirt" have no addresses with port name "https"',
              lastTransitionTime: ts(),
            },
      ],
    },
  });
}

/** Deterministic PRNG (mulberry32) so seeds are reproducible across runs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYSTEMS = ["shop", "billing", "search", "auth", "analytics"];
const SERVICES = ["redis", "api", "web", "worker", "db"];

export interface VmSeed {
  name: string;
  namespace: string;
  running: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  gpus?: number;
  legacyRunning?: boolean;
}

export function vmTemplate(
  name: string,
  gpus = 0,
  image = "quay.io/containerdisks/fedora:41",
): Record<string, unknown> {
  const devices: Record<string, unknown> = {
    disks: [
      { name: "rootdisk", disk: { bus: "virtio" } },
      { name: "cloudinitdisk", disk: { bus: "virtio" } },
    ],
    interfaces: [{ name: "default", masquerade: {} }],
  };
  if (gpus > 0)
    devices.gpus = Array.from({ length: gpus }, (_, i) => ({
      name: `gpu${i + 1}`,
      deviceName: "nvidia.com/gpu",
    }));
  return {
    metadata: { labels: { "kubevirt.io/domain": name, "kubevirt.io/size": "small" } },
    spec: {
      domain: {
        cpu: { cores: 1, sockets: 1, threads: 1 },
        memory: { guest: "2Gi" },
        devices,
        resources: { requests: { memory: "2Gi" } },
      },
      networks: [{ name: "default", pod: {} }],
      terminationGracePeriodSeconds: 180,
      volumes: [
        { name: "rootdisk", containerDisk: { image } },
        {
          name: "cloudinitdisk",
          cloudInitNoCloud: { userData: "#cloud-config\npassword: fedora\nchpasswd: { expire: False }\n" },
        },
      ],
    },
  };
}

export function vmObject(s: VmSeed): KObject {
  const spec: Record<string, unknown> = s.legacyRunning
    ? { running: s.running }
    : { runStrategy: s.running ? "Always" : "Halted" };
  spec.template = vmTemplate(s.name, s.gpus ?? 0);
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: {
      name: s.name,
      namespace: s.namespace,
      labels: s.labels ?? {},
      annotations: s.annotations ?? {},
    },
    spec,
  };
}

/** A running VMI for `vm` on `node`, in the state the controller would have left it. */
function runningVmi(vm: KObject, node: string, ip: string): KObject {
  const tmpl = (
    vm.spec as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }
  ).template;
  const c = (type: string) => ({
    type,
    status: "True",
    reason: "",
    message: "",
    lastProbeTime: null,
    lastTransitionTime: vm.metadata.creationTimestamp,
  });
  return materialize({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    metadata: {
      name: vm.metadata.name,
      namespace: vm.metadata.namespace,
      labels: { ...tmpl.metadata.labels, "kubevirt.io/nodeName": node },
      annotations: { "kubevirt.io/vm-generation": "1" },
      finalizers: ["kubevirt.io/virtualMachineControllerFinalize", "foregroundDeleteVirtualMachine"],
      ownerReferences: [
        {
          apiVersion: "kubevirt.io/v1",
          kind: "VirtualMachine",
          name: vm.metadata.name ?? "",
          uid: vm.metadata.uid ?? "",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: tmpl.spec,
    status: {
      phase: "Running",
      nodeName: node,
      conditions: [c("Ready"), c("LiveMigratable"), c("AgentConnected")],
      interfaces: [
        {
          name: "default",
          interfaceName: "eth0",
          ipAddress: ip,
          ipAddresses: [ip],
          infoSource: "domain, guest-agent",
        },
      ],
      guestOSInfo: { id: "fedora", name: "Fedora Linux", version: "41" },
      qosClass: "Burstable",
      phaseTransitionTimestamps: [
        { phase: "Running", phaseTransitionTimestamp: vm.metadata.creationTimestamp },
      ],
    },
  });
}

function vmStatus(running: boolean, strategy: string): Record<string, unknown> {
  const t = ts();
  return running
    ? {
        printableStatus: "Running",
        created: true,
        ready: true,
        runStrategy: strategy,
        desiredGeneration: 1,
        observedGeneration: 1,
        conditions: [
          {
            type: "Ready",
            status: "True",
            reason: "",
            message: "",
            lastProbeTime: null,
            lastTransitionTime: t,
          },
        ],
      }
    : {
        printableStatus: "Stopped",
        runStrategy: strategy,
        desiredGeneration: 1,
        conditions: [
          {
            type: "Ready",
            status: "False",
            reason: "VMINotExists",
            message: "VMI does not exist",
            lastProbeTime: null,
            lastTransitionTime: t,
          },
        ],
      };
}

export interface SeedResult {
  /** VMs the controller must start (failure scenarios), as namespace/name. */
  kick: { namespace: string; name: string }[];
}

export function shepherdLabels(
  system: string,
  service: string,
  instance: number,
  name: string,
): Record<string, string> {
  return {
    "kubevirt-shepherd.io/managed-by": "kubevirt-shepherd",
    "kubevirt-shepherd.io/system": system,
    "kubevirt-shepherd.io/service": service,
    "kubevirt-shepherd.io/instance": String(instance).padStart(2, "0"),
    "kubevirt-shepherd.io/ticket-id": `TKT-${10000 + instance}`,
    "kubevirt-shepherd.io/created-by": "alice",
    "kubevirt-shepherd.io/hostname": name,
  };
}

export function seedCluster(store: ResourceStore, p: Profile): SeedResult {
  const vmNamespaces = p.vms.count > 0 || p.vms.failures ? p.vms.namespaces : [];
  const namespaces = new Set([
    "default",
    "kube-system",
    "kube-public",
    ...(p.kubevirt === "missing" ? [] : [p.kubevirtNamespace]),
    ...p.namespaces,
    ...vmNamespaces,
    ...p.sriovNetworks.map((n) => n.namespace),
  ]);
  for (const ns of namespaces) store.insert(RK.namespace, namespaceObject(ns));
  for (const n of p.nodes) store.insert(RK.node, nodeObject(n));
  for (const sc of p.storageClasses) {
    store.insert(
      RK.storageclass,
      materialize({
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: {
          name: sc.name,
          annotations: sc.default ? { "storageclass.kubernetes.io/is-default-class": "true" } : {},
        },
        provisioner: sc.provisioner,
        reclaimPolicy: "Delete",
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
      }),
    );
  }
  if (p.multus) store.insert(RK.crd, materialize(crdObject(MULTUS_CRD, p.kubevirtVersion)));
  for (const n of p.sriovNetworks) {
    store.insert(
      RK.nad,
      materialize({
        apiVersion: "k8s.cni.cncf.io/v1",
        kind: "NetworkAttachmentDefinition",
        metadata: {
          name: n.name,
          namespace: n.namespace,
          annotations: { "k8s.v1.cni.cncf.io/resourceName": n.resourceName },
        },
        spec: {
          config: JSON.stringify({
            cniVersion: "0.3.1",
            name: n.name,
            type: "sriov",
            vlan: 100,
            ipam: { type: "whereabouts", range: "192.168.100.0/24" },
          }),
        },
      }),
    );
  }
  const kick: SeedResult["kick"] = [];
  if (p.kubevirt === "missing") return { kick };
  for (const d of KUBEVIRT_CRDS) store.insert(RK.crd, materialize(crdObject(d, p.kubevirtVersion)));
  store.insert(RK.apiservice, apiServiceObject(p.apiServiceAvailable));
  store.insert(RK.kubevirt, kubevirtCr(p));
  const itKey = typeKey("instancetype.kubevirt.io", "virtualmachineclusterinstancetypes");
  const prefKey = typeKey("instancetype.kubevirt.io", "virtualmachineclusterpreferences");
  for (const [size, cpu, mem] of [
    ["small", 1, "2Gi"],
    ["medium", 1, "4Gi"],
    ["large", 2, "8Gi"],
    ["xlarge", 4, "16Gi"],
  ] as const) {
    store.insert(
      itKey,
      materialize({
        apiVersion: "instancetype.kubevirt.io/v1beta1",
        kind: "VirtualMachineClusterInstancetype",
        metadata: {
          name: `u1.${size}`,
          labels: {
            "instancetype.kubevirt.io/vendor": "kubevirt.io",
            "instancetype.kubevirt.io/class": "general.purpose",
          },
        },
        spec: { cpu: { guest: cpu }, memory: { guest: mem } },
      }),
    );
  }
  for (const os of ["fedora", "rhel.9", "ubuntu", "windows.2k22"]) {
    store.insert(
      prefKey,
      materialize({
        apiVersion: "instancetype.kubevirt.io/v1beta1",
        kind: "VirtualMachineClusterPreference",
        metadata: { name: os, labels: { "instancetype.kubevirt.io/vendor": "kubevirt.io" } },
        spec: { devices: { preferredDiskBus: "virtio", preferredInterfaceModel: "virtio" } },
      }),
    );
  }
  const rnd = prng(p.vms.seed);
  const schedulable = p.nodes.filter((n) => n.schedulable);
  const gpuNodes = schedulable.filter((n) => n.gpus > 0);
  let ip = 2;
  for (let i = 0; i < p.vms.count; i++) {
    const ns = p.vms.namespaces[i % p.vms.namespaces.length] ?? "default";
    const shepherd = rnd() < p.vms.shepherdFraction;
    const system = SYSTEMS[Math.floor(rnd() * SYSTEMS.length)] ?? "shop";
    const service = SERVICES[Math.floor(rnd() * SERVICES.length)] ?? "api";
    const env = ns === "prod" ? "prod" : "dev";
    const name = shepherd
      ? `${env}-${system}-${service}-${String(i).padStart(2, "0")}`
      : `vm-${String(i).padStart(5, "0")}`;
    const wantGpu = gpuNodes.length > 0 && rnd() < 0.1;
    const running = schedulable.length > 0 && rnd() < p.vms.runningFraction;
    const labels: Record<string, string> = shepherd
      ? shepherdLabels(system, service, i % 100, name)
      : { app: `legacy-${service}` };
    const annotations: Record<string, string> = shepherd
      ? { "kubevirt-shepherd.io/fqdn": `${name}.${ns}.svc.cluster.local` }
      : {};
    // A few unmanaged VMs still use the deprecated spec.running, as adopted VMs do.
    const legacyRunning = !shepherd && i % 7 === 3;
    const base = materialize(
      vmObject({ name, namespace: ns, running, labels, annotations, gpus: wantGpu ? 1 : 0, legacyRunning }),
    );
    const strategy = running ? "Always" : "Halted";
    const vm: KObject = {
      ...base,
      metadata: { ...base.metadata, finalizers: ["kubevirt.io/virtualMachineControllerFinalize"] },
      status: vmStatus(running, strategy),
    };
    const stored = store.insert(RK.vm, vm);
    if (running) {
      const pool = wantGpu ? gpuNodes : schedulable;
      const node = pool[i % pool.length]?.name ?? "node-1";
      ip++;
      store.insert(
        RK.vmi,
        runningVmi(stored, node, `10.244.${Math.floor(ip / 250) % 250}.${(ip % 250) + 2}`),
      );
    }
  }
  if (p.vms.failures) {
    const scenarios: FailureScenario[] = [
      "ErrImagePull",
      "ErrorUnschedulable",
      "CrashLoopBackOff",
      "ErrorPvcNotFound",
    ];
    const ns = p.vms.namespaces[0] ?? "default";
    for (const f of scenarios) {
      const name = `broken-${f.toLowerCase()}`;
      const vm = materialize(
        vmObject({
          name,
          namespace: ns,
          running: true,
          annotations: { [FAILURE_ANNOTATION]: f },
          labels: { app: "broken" },
        }),
      );
      store.insert(RK.vm, vm);
      kick.push({ namespace: ns, name });
    }
  }
  return { kick };
}
