// A KubeVirt VirtualMachine as a cluster returns it, for tests that fill the cache with a few named VMs.
import { ShepherdLabel } from "@/lib/domain/labels";

/** The labels of a VM Shepherd governs, in `system`/`service`. */
export function governanceLabels(system: string, service: string): Record<string, string> {
  return {
    [ShepherdLabel.managedBy]: "kubevirt-shepherd",
    [ShepherdLabel.system]: system,
    [ShepherdLabel.service]: service,
  };
}

/** A VM showing `printableStatus`; a Stopped VM is Halted, any other runs Always. */
export function vmObject(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  printableStatus = "Running",
) {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      resourceVersion: "1",
      creationTimestamp: "2026-01-01T00:00:00Z",
      labels,
    },
    spec: {
      runStrategy: printableStatus === "Stopped" ? "Halted" : "Always",
      template: { spec: { domain: {} } },
    },
    status: { printableStatus },
  };
}
