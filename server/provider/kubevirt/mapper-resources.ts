/**
 * CPU, memory, disk and image of a VM, from whichever source it uses: an instancetype reference, the
 * template's domain (cpu topology, memory.guest), or resource requests/limits — and, for a running VM whose
 * instancetype is not known here, the VMI's expanded domain.
 */
import type { VMResourceRef } from "@/lib/domain";
import { arr, isRecord, num, parseQuantity, rec, str, type Unsafe } from "./selectors";
import type {
  CPU,
  DomainSpec,
  InstancetypeMatcher,
  Memory,
  ResourceRequirements,
  VirtualMachineInstanceSpec,
  Volume,
} from "./wire";

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/**
 * vCPUs from a domain: cores × sockets × threads when any of them is set (the others default to 1), otherwise
 * the CPU request, otherwise the CPU limit. Undefined when the domain says nothing.
 */
export function domainCpu(domainRaw: unknown): number | undefined {
  const domain = rec<DomainSpec>(domainRaw);
  const cpu = rec<CPU>(domain.cpu);
  const cores = positive(num(cpu.cores));
  const sockets = positive(num(cpu.sockets));
  const threads = positive(num(cpu.threads));
  if (cores !== undefined || sockets !== undefined || threads !== undefined)
    return (cores ?? 1) * (sockets ?? 1) * (threads ?? 1);
  const res = rec<ResourceRequirements>(domain.resources);
  return (
    positive(parseQuantity(rec<Record<string, unknown>>(res.requests).cpu)) ??
    positive(parseQuantity(rec<Record<string, unknown>>(res.limits).cpu))
  );
}

/** Memory in MiB from a domain: memory.guest, otherwise the memory request, otherwise the memory limit. */
export function domainMemoryMb(domainRaw: unknown): number | undefined {
  const domain = rec<DomainSpec>(domainRaw);
  const res = rec<ResourceRequirements>(domain.resources);
  const bytes =
    positive(parseQuantity(rec<Memory>(domain.memory).guest)) ??
    positive(parseQuantity(rec<Record<string, unknown>>(res.requests).memory)) ??
    positive(parseQuantity(rec<Record<string, unknown>>(res.limits).memory));
  return bytes === undefined ? undefined : toMb(bytes);
}

/** Bytes → MiB, rounded to a whole MiB (1G = 954 MiB), never 0 for a positive size. */
export function toMb(bytes: number): number {
  return Math.max(1, Math.round(bytes / MIB));
}

/** `spec.instancetype` / `spec.preference`; the kind defaults to the cluster-scoped one (KUBEVIRT-API §4.7). */
export function resourceRef(value: unknown, defaultKind: string): VMResourceRef | undefined {
  const m = rec<InstancetypeMatcher>(value);
  const name = str(m.name);
  if (name === undefined) return undefined;
  return { kind: str(m.kind) ?? defaultKind, name };
}

/**
 * The template's sizing, falling back field by field to the VMI's domain. For a VM that references an
 * instancetype the VMI (whose domain KubeVirt expands from the instancetype) comes first; such a VM has no
 * sizing in its template, so without a VMI its cpu and memory are unknown and read as 0. A template domain
 * with no CPU setting at all has KubeVirt's default of 1 vCPU; unknown memory reads as 0.
 */
export function vmSizing(
  templateSpec: unknown,
  vmiSpec: unknown,
  usesInstanceType: boolean,
): { cpu: number; memoryMb: number } {
  const tDomain = rec<VirtualMachineInstanceSpec>(templateSpec).domain;
  const iDomain = rec<VirtualMachineInstanceSpec>(vmiSpec).domain;
  const [first, second] = usesInstanceType ? [iDomain, tDomain] : [tDomain, iDomain];
  // A domain without any CPU setting gets KubeVirt's default topology: 1 socket × 1 core × 1 thread.
  const defaultCpu = !usesInstanceType && isRecord(tDomain) ? 1 : 0;
  return {
    cpu: domainCpu(first) ?? domainCpu(second) ?? defaultCpu,
    memoryMb: domainMemoryMb(first) ?? domainMemoryMb(second) ?? 0,
  };
}

/**
 * The boot image: the containerDisk image, or `pvc:<claim>` for a PVC or DataVolume root disk (SPEC §5.3).
 * The volume named `rootdisk` wins; otherwise the first volume that is one of those kinds.
 */
export function vmImage(templateSpec: unknown): string | undefined {
  const volumes = arr(rec<VirtualMachineInstanceSpec>(templateSpec).volumes).map((v) => rec<Volume>(v));
  const root = volumes.find((v) => v.name === "rootdisk" && volumeImage(v) !== undefined);
  if (root !== undefined) return volumeImage(root);
  for (const v of volumes) {
    const image = volumeImage(v);
    if (image !== undefined) return image;
  }
  return undefined;
}

function volumeImage(v: Unsafe<Volume>): string | undefined {
  const image = str(rec<NonNullable<Volume["containerDisk"]>>(v.containerDisk).image);
  if (image !== undefined) return image;
  const claim =
    str(rec<NonNullable<Volume["persistentVolumeClaim"]>>(v.persistentVolumeClaim).claimName) ??
    str(rec<NonNullable<Volume["dataVolume"]>>(v.dataVolume).name);
  return claim === undefined ? undefined : `pvc:${claim}`;
}

/** Size in GiB of the extra empty data disk (`datadisk` first, else the first emptyDisk), if any. */
export function vmDiskGb(templateSpec: unknown): number | undefined {
  const volumes = arr(rec<VirtualMachineInstanceSpec>(templateSpec).volumes).map((v) => rec<Volume>(v));
  const withDisk = volumes.filter(
    (v) => rec<NonNullable<Volume["emptyDisk"]>>(v.emptyDisk).capacity !== undefined,
  );
  const data = withDisk.find((v) => v.name === "datadisk") ?? withDisk[0];
  if (data === undefined) return undefined;
  const bytes = positive(parseQuantity(rec<NonNullable<Volume["emptyDisk"]>>(data.emptyDisk).capacity));
  return bytes === undefined ? undefined : Math.round((bytes / GIB) * 1000) / 1000;
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}
