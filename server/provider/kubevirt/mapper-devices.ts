/**
 * A VM's disks and networks from its template (what an admin reviews before adopting it): each volume with
 * its source kind, the image / claim / data volume behind it and a size when the VM states one (an emptyDisk's
 * capacity, a dataVolumeTemplate's storage request); each network with its kind and, for multus, the
 * NetworkAttachmentDefinition. Nil-safe like the rest of the mapper.
 */
import type { VMDevices, VMDisk, VMNetwork } from "@/lib/domain/vm-devices";
import { arr, isRecord, rec, str } from "./selectors";
import type {
  DataVolumeTemplateSpec,
  Network,
  ResourceRequirements,
  VirtualMachine,
  VirtualMachineInstanceSpec,
  VirtualMachineInstanceTemplateSpec,
  VirtualMachineSpec,
  Volume,
} from "./wire";

/** Volume source kinds whose referent we can name; any other key is reported by its name alone. */
const KNOWN_SOURCES = ["containerDisk", "persistentVolumeClaim", "dataVolume", "emptyDisk"] as const;

export function mapVMDevices(vm: unknown): VMDevices {
  const spec = rec<VirtualMachineSpec>(rec<VirtualMachine>(vm).spec);
  const templateSpec = rec<VirtualMachineInstanceSpec>(
    rec<VirtualMachineInstanceTemplateSpec>(spec.template).spec,
  );
  const dvSizes = dataVolumeSizes(spec.dataVolumeTemplates);
  const disks: VMDisk[] = [];
  for (const raw of arr(templateSpec.volumes)) {
    const disk = volumeDisk(raw, dvSizes);
    if (disk !== undefined) disks.push(disk);
  }
  const networks: VMNetwork[] = [];
  for (const raw of arr(templateSpec.networks)) {
    const n = rec<Network>(raw);
    const name = str(n.name);
    if (name === undefined) continue;
    if (isRecord(n.multus)) {
      const networkName = str(rec<NonNullable<Network["multus"]>>(n.multus).networkName);
      networks.push({ name, type: "multus", ...(networkName ? { networkName } : {}) });
    } else {
      networks.push({ name, type: isRecord(n.pod) ? "pod" : (otherKey(raw) ?? "unknown") });
    }
  }
  return { disks, networks };
}

function volumeDisk(raw: unknown, dvSizes: Map<string, string>): VMDisk | undefined {
  const v = rec<Volume>(raw);
  const name = str(v.name);
  if (name === undefined) return undefined;
  const type = KNOWN_SOURCES.find((k) => isRecord(v[k])) ?? otherKey(raw) ?? "unknown";
  const out: VMDisk = { name, type };
  let source: string | undefined;
  let size: string | undefined;
  switch (type) {
    case "containerDisk":
      source = str(rec<NonNullable<Volume["containerDisk"]>>(v.containerDisk).image);
      break;
    case "persistentVolumeClaim":
      source = str(rec<NonNullable<Volume["persistentVolumeClaim"]>>(v.persistentVolumeClaim).claimName);
      break;
    case "dataVolume":
      source = str(rec<NonNullable<Volume["dataVolume"]>>(v.dataVolume).name);
      size = source === undefined ? undefined : dvSizes.get(source);
      break;
    case "emptyDisk":
      size = quantity(rec<NonNullable<Volume["emptyDisk"]>>(v.emptyDisk).capacity);
      break;
  }
  if (source !== undefined) out.source = source;
  if (size !== undefined) out.size = size;
  return out;
}

/** dataVolumeTemplates name → requested storage (`spec.storage` first, then the older `spec.pvc`). */
function dataVolumeSizes(templates: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of arr(templates)) {
    const t = rec<DataVolumeTemplateSpec>(raw);
    const name = str(rec<NonNullable<DataVolumeTemplateSpec["metadata"]>>(t.metadata).name);
    const spec = rec<NonNullable<DataVolumeTemplateSpec["spec"]>>(t.spec);
    const request = (claim: unknown) =>
      quantity(
        rec<Record<string, unknown>>(
          rec<ResourceRequirements>(rec<{ resources: unknown }>(claim).resources).requests,
        ).storage,
      );
    const size = request(spec.storage) ?? request(spec.pvc);
    if (name !== undefined && size !== undefined) out.set(name, size);
  }
  return out;
}

function quantity(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return str(value);
}

/** The first key besides `name` whose value is an object: the source kind of a volume or network. */
function otherKey(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  return Object.keys(raw).find((k) => k !== "name" && isRecord(raw[k]));
}
