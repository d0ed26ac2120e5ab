/**
 * A VM's disks and networks as the platform shows them (adoption review): what each disk is backed by and
 * which network each interface joins. Read from the VM's template by the provider's mapper.
 */
export interface VMDisk {
  name: string;
  /** The volume source kind, e.g. "containerDisk", "persistentVolumeClaim", "dataVolume", "emptyDisk". */
  type: string;
  /** The image, claim or data volume the disk refers to. */
  source?: string;
  /** Requested size as a Kubernetes quantity ("20Gi"), when the VM says. */
  size?: string;
}

export interface VMNetwork {
  name: string;
  /** "pod", "multus" … */
  type: string;
  /** The NetworkAttachmentDefinition of a multus network. */
  networkName?: string;
}

export interface VMDevices {
  disks: VMDisk[];
  networks: VMNetwork[];
}
