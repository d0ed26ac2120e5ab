// Reads the simulated KubeVirt's version and feature gates. The version is the profile's (virt-api's
// `gitVersion`); the gates come from the KubeVirt CR in the store, so editing the CR changes behaviour.
import { isGateEnabled } from "./feature-gates.ts";
import type { ResourceStore } from "./resource-store.ts";
import { typeKey } from "./resource-type.ts";
import { asArray, getPath, type KObject } from "./types.ts";

export const RK = {
  vm: typeKey("kubevirt.io", "virtualmachines"),
  vmi: typeKey("kubevirt.io", "virtualmachineinstances"),
  vmim: typeKey("kubevirt.io", "virtualmachineinstancemigrations"),
  kubevirt: typeKey("kubevirt.io", "kubevirts"),
  snapshot: typeKey("snapshot.kubevirt.io", "virtualmachinesnapshots"),
  restore: typeKey("snapshot.kubevirt.io", "virtualmachinerestores"),
  clone: typeKey("clone.kubevirt.io", "virtualmachineclones"),
  node: typeKey("", "nodes"),
  namespace: typeKey("", "namespaces"),
  apiservice: typeKey("apiregistration.k8s.io", "apiservices"),
  crd: typeKey("apiextensions.k8s.io", "customresourcedefinitions"),
  storageclass: typeKey("storage.k8s.io", "storageclasses"),
  nad: typeKey("k8s.cni.cncf.io", "network-attachment-definitions"),
};

export const SUBRESOURCES_APISERVICE = "v1.subresources.kubevirt.io";

const strings = (v: unknown): string[] => asArray(v).filter((s): s is string => typeof s === "string");

export class KubeVirtInfo {
  constructor(
    private readonly store: ResourceStore,
    public version: string,
  ) {}

  cr(): KObject | undefined {
    return this.store.list(RK.kubevirt)[0];
  }

  gates(): { enabled: string[]; disabled: string[] } {
    const dev = getPath(this.cr(), ["spec", "configuration", "developerConfiguration"]);
    return {
      enabled: strings(getPath(dev, ["featureGates"])),
      disabled: strings(getPath(dev, ["disabledFeatureGates"])),
    };
  }

  gate(name: string): boolean {
    const g = this.gates();
    return isGateEnabled(name, this.version, g.enabled, g.disabled);
  }

  /** virt-api reachable: the APIService exists and reports Available=True. */
  subresourcesAvailable(): boolean {
    const svc = this.store.get(RK.apiservice, undefined, SUBRESOURCES_APISERVICE);
    if (!svc) return false;
    return asArray(getPath(svc, ["status", "conditions"])).some(
      (c) => getPath(c, ["type"]) === "Available" && getPath(c, ["status"]) === "True",
    );
  }

  subresourcesRegistered(): boolean {
    return this.store.get(RK.apiservice, undefined, SUBRESOURCES_APISERVICE) !== undefined;
  }
}
