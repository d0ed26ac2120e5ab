// Synthetic KubeVirt objects for filling the cache at scale (CacheService tests and bench/cache-list.bench.ts):
// VM i lives in namespace ns-(i mod 20), cycles through four printable statuses, and carries governance labels.
const STATUSES = ["Running", "Stopped", "ErrImagePull", "Starting"] as const;

export function cachedVM(i: number) {
  const name = `vm-${String(i).padStart(5, "0")}`;
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: {
      name,
      namespace: `ns-${i % 20}`,
      uid: `vm-uid-${i}`,
      resourceVersion: String(i + 1),
      creationTimestamp: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      labels: {
        app: `app-${i % 7}`,
        "kubevirt-shepherd.io/system": `sys-${i % 5}`,
        "kubevirt-shepherd.io/service": `svc-${i % 11}`,
      },
    },
    spec: {
      runStrategy: "Always",
      template: { spec: { domain: { cpu: { cores: 2 }, memory: { guest: "2Gi" } } } },
    },
    status: { printableStatus: STATUSES[i % 4] },
  };
}

/** The running instance of VM i, on node-(i mod 3), with an address derived from i. */
export function cachedVMI(i: number) {
  const v = cachedVM(i);
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    metadata: {
      ...v.metadata,
      uid: `vmi-uid-${i}`,
      ownerReferences: [{ kind: "VirtualMachine", name: v.metadata.name }],
    },
    status: {
      phase: "Running",
      nodeName: `node-${i % 3}`,
      interfaces: [{ ipAddress: `10.0.${i >> 8}.${i & 255}` }],
    },
  };
}
