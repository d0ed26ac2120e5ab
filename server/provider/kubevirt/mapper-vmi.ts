/** VirtualMachineInstance → domain VMI. */
import { type VMI, type VMICondition, type VMIInterface, VMIPhase } from "@/lib/domain";
import { type MapContext, readMeta } from "./mapper-common";
import { arr, conditions, date, isRecord, rec, str } from "./selectors";
import type {
  VirtualMachineInstance,
  VirtualMachineInstanceStatus,
  VMIGuestOSInfo,
  VMIMigrationState,
  VMINetworkInterface,
} from "./wire";

const VMI_PHASES: ReadonlyMap<string, VMIPhase> = new Map<string, VMIPhase>([
  ["Pending", VMIPhase.PENDING],
  ["Scheduling", VMIPhase.SCHEDULING],
  ["Scheduled", VMIPhase.SCHEDULED],
  ["Running", VMIPhase.RUNNING],
  ["Succeeded", VMIPhase.SUCCEEDED],
  ["Failed", VMIPhase.FAILED],
  ["WaitingForSync", VMIPhase.WAITING_FOR_SYNC],
  ["Unknown", VMIPhase.UNKNOWN],
]);

export function mapVMI(vmi: unknown, ctx: MapContext): VMI {
  const meta = readMeta(vmi, "VirtualMachineInstance", ctx);
  const status = rec<VirtualMachineInstanceStatus>(rec<VirtualMachineInstance>(vmi).status);
  const rawPhase = str(status.phase);
  const interfaces = vmiInterfaces(status.interfaces);
  const out: VMI = {
    name: meta.name,
    namespace: meta.namespace,
    cluster: ctx.cluster,
    phase: (rawPhase === undefined ? undefined : VMI_PHASES.get(rawPhase)) ?? VMIPhase.UNKNOWN,
    ips: allIps(interfaces),
    interfaces,
    conditions: conditions(status.conditions) satisfies VMICondition[],
    createdAt: meta.createdAt,
  };
  if (rawPhase !== undefined && !VMI_PHASES.has(rawPhase)) out.rawPhase = rawPhase;
  const nodeName = str(status.nodeName);
  if (nodeName !== undefined) out.nodeName = nodeName;
  const guestOS = vmiGuestOS(status.guestOSInfo);
  if (guestOS !== undefined) out.guestOS = guestOS;
  const migration = vmiMigrationState(status.migrationState);
  if (migration !== undefined) out.migrationState = migration;
  if (meta.labels !== undefined) out.labels = meta.labels;
  return out;
}

/** `status.interfaces`; the primary `ipAddress` leads `ips` even when `ipAddresses` omits it. */
export function vmiInterfaces(value: unknown): VMIInterface[] {
  return arr(value).map((raw) => {
    const i = rec<VMINetworkInterface>(raw);
    const primary = str(i.ipAddress);
    const ips: string[] = primary === undefined ? [] : [primary];
    for (const a of arr(i.ipAddresses)) {
      const ip = str(a);
      if (ip !== undefined && !ips.includes(ip)) ips.push(ip);
    }
    const out: VMIInterface = { ips };
    const name = str(i.name);
    const mac = str(i.mac);
    if (name !== undefined) out.name = name;
    if (ips[0] !== undefined) out.ip = ips[0];
    if (mac !== undefined) out.mac = mac;
    return out;
  });
}

function allIps(interfaces: readonly VMIInterface[]): string[] {
  const seen = new Set<string>();
  for (const i of interfaces) for (const ip of i.ips) seen.add(ip);
  return [...seen];
}

function vmiGuestOS(value: unknown): VMI["guestOS"] {
  const g = rec<VMIGuestOSInfo>(value);
  const out: NonNullable<VMI["guestOS"]> = {};
  const name = str(g.prettyName) ?? str(g.name);
  const version = str(g.version) ?? str(g.versionId);
  const kernel = str(g.kernelRelease) ?? str(g.kernelVersion);
  const id = str(g.id);
  if (name !== undefined) out.name = name;
  if (version !== undefined) out.version = version;
  if (kernel !== undefined) out.kernel = kernel;
  if (id !== undefined) out.id = id;
  return Object.keys(out).length === 0 ? undefined : out;
}

function vmiMigrationState(value: unknown): VMI["migrationState"] {
  if (!isRecord(value)) return undefined;
  const m = rec<VMIMigrationState>(value);
  const out: NonNullable<VMI["migrationState"]> = {
    completed: m.completed === true,
    failed: m.failed === true,
  };
  const sourceNode = str(m.sourceNode);
  const targetNode = str(m.targetNode);
  const startedAt = date(m.startTimestamp);
  const endedAt = date(m.endTimestamp);
  const migrationUid = str(m.migrationUid);
  const failureReason = str(m.failureReason);
  if (sourceNode !== undefined) out.sourceNode = sourceNode;
  if (targetNode !== undefined) out.targetNode = targetNode;
  if (startedAt !== undefined) out.startedAt = startedAt;
  if (endedAt !== undefined) out.endedAt = endedAt;
  if (migrationUid !== undefined) out.migrationUid = migrationUid;
  if (failureReason !== undefined) out.failureReason = failureReason;
  return out;
}
