/**
 * Database rows of the adoption tables → the API's wire shapes (lib/adoption/adoption-views.ts), and the VM
 * snapshot a scan stores in `pending_adoptions.resource_spec`: the ResourceSpecView plus the VM's annotations
 * and the created-by / ticket / hostname labels as the mapper read them (from the VM or its template), which
 * the table has no columns for. Adoption records what the admin reviewed: system, service and instance from
 * the item's columns, the rest from this snapshot. Stored JSON is parsed, never trusted: a row written by an
 * older build reads as an empty snapshot rather than failing the inbox.
 */
import "server-only";
import { z } from "zod";
import {
  type AdoptableLabels,
  type MalformedLabels,
  readAdoptionLabels,
} from "@/lib/adoption/adoption-labels";
import type {
  AdoptionScanSummaryView,
  AdoptionScanView,
  AdoptionStatusView,
  OrphanView,
  PendingAdoptionView,
  ResourceSpecView,
} from "@/lib/adoption/adoption-views";
import type { VM } from "@/lib/domain";
import type { VMDevices } from "@/lib/domain/vm-devices";

export interface AdoptionSnapshot {
  spec: ResourceSpecView;
  annotations: Record<string, string>;
  /** The §4 labels the item has no column for. */
  governance: { createdBy: string | null; ticketId: string | null; hostname: string | null };
}

/** What the scan saw of a cached VM. */
export function snapshotOf(vm: VM, devices: VMDevices): AdoptionSnapshot {
  return {
    spec: {
      cpu_cores: vm.cpu > 0 ? vm.cpu : null,
      memory: vm.memoryMb > 0 ? formatMemory(vm.memoryMb) : null,
      instancetype: vm.instanceType?.name ?? null,
      preference: vm.preference?.name ?? null,
      run_strategy: vm.runStrategy ?? null,
      status: vm.status,
      disks: devices.disks.map((d) => ({
        name: d.name,
        type: d.type,
        source: d.source ?? null,
        size: d.size ?? null,
      })),
      networks: devices.networks.map((n) => ({
        name: n.name,
        type: n.type,
        network_name: n.networkName ?? null,
      })),
    },
    annotations: shepherdAnnotations(vm.annotations),
    governance: {
      createdBy: vm.governance?.createdBy ?? null,
      ticketId: vm.governance?.ticketId ?? null,
      hostname: vm.governance?.hostname ?? null,
    },
  };
}

/**
 * Only Shepherd's own annotations (`kubevirt-shepherd.io/*`) are kept, values capped. Others can hold secrets:
 * `kubectl.kubernetes.io/last-applied-configuration` is the whole manifest, cloud-init userData (passwords, SSH
 * keys) included, and the snapshot is stored in the database and shown in the inbox.
 */
export const ADOPTION_ANNOTATION_PREFIX = "kubevirt-shepherd.io/";
export const ADOPTION_ANNOTATION_VALUE_MAX = 1024;
const ADOPTION_ANNOTATIONS_MAX = 50;

export function shepherdAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  const kept = Object.entries(annotations ?? {})
    .filter(([key]) => key.startsWith(ADOPTION_ANNOTATION_PREFIX))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, ADOPTION_ANNOTATIONS_MAX)
    .map(([key, value]) => [
      key,
      value.length > ADOPTION_ANNOTATION_VALUE_MAX
        ? `${value.slice(0, ADOPTION_ANNOTATION_VALUE_MAX)}…`
        : value,
    ]);
  return Object.fromEntries(kept);
}

/** The JSON stored in resource_spec: the spec's fields with `annotations` beside them. */
export function storedSnapshot(s: AdoptionSnapshot): Record<string, unknown> {
  return {
    ...s.spec,
    annotations: s.annotations,
    governance: {
      created_by: s.governance.createdBy,
      ticket_id: s.governance.ticketId,
      hostname: s.governance.hostname,
    },
  };
}

const nullableString = z.string().nullable().catch(null);
const StoredSnapshot = z.object({
  cpu_cores: z.number().nullable().catch(null),
  memory: nullableString,
  instancetype: nullableString,
  preference: nullableString,
  run_strategy: nullableString,
  status: nullableString,
  disks: z
    .array(z.object({ name: z.string(), type: z.string(), source: nullableString, size: nullableString }))
    .catch([]),
  networks: z.array(z.object({ name: z.string(), type: z.string(), network_name: nullableString })).catch([]),
  annotations: z.record(z.string(), z.string()).catch({}),
  governance: z
    .object({ created_by: nullableString, ticket_id: nullableString, hostname: nullableString })
    .catch({ created_by: null, ticket_id: null, hostname: null }),
});

export function readStoredSnapshot(json: unknown): AdoptionSnapshot | null {
  const parsed = StoredSnapshot.safeParse(json);
  if (!parsed.success) return null;
  const { annotations, governance, ...spec } = parsed.data;
  return {
    spec,
    // Filtered on read too: rows stored by an older build kept every annotation.
    annotations: shepherdAnnotations(annotations),
    governance: {
      createdBy: governance.created_by,
      ticketId: governance.ticket_id,
      hostname: governance.hostname,
    },
  };
}

/** The governance an item's adoption records: its columns (checked by the scan) and its stored snapshot. */
export function itemGovernance(item: {
  system: string | null;
  service: string | null;
  instance: string | null;
  resourceSpec: unknown;
}): AdoptableLabels | MalformedLabels {
  const extra = readStoredSnapshot(item.resourceSpec)?.governance;
  return readAdoptionLabels({
    managed: true,
    ...(item.system ? { system: item.system } : {}),
    ...(item.service ? { service: item.service } : {}),
    ...(item.instance ? { instance: item.instance } : {}),
    ...(extra?.createdBy ? { createdBy: extra.createdBy } : {}),
    ...(extra?.ticketId ? { ticketId: extra.ticketId } : {}),
    ...(extra?.hostname ? { hostname: extra.hostname } : {}),
  });
}

export function readLabels(json: unknown): Record<string, string> {
  return z.record(z.string(), z.string()).catch({}).parse(json);
}

/** MiB as the largest whole unit: 2048 → "2Gi", 1500 → "1500Mi". */
function formatMemory(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024}Gi` : `${mb}Mi`;
}

export interface PendingAdoptionRow {
  id: string;
  clusterId: string;
  namespace: string;
  resourceName: string;
  resourceType: string;
  system: string | null;
  service: string | null;
  instance: string | null;
  k8sUid: string;
  status: AdoptionStatusView;
  firstSeenAt: Date;
  lastSeenAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export function toPendingAdoptionView(row: PendingAdoptionRow, clusterName: string): PendingAdoptionView {
  return {
    id: row.id,
    cluster_id: row.clusterId,
    cluster_name: clusterName,
    namespace: row.namespace,
    resource_name: row.resourceName,
    resource_type: row.resourceType,
    system: row.system,
    service: row.service,
    instance: row.instance,
    k8s_uid: row.k8sUid,
    status: row.status,
    first_seen_at: row.firstSeenAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    decided_by: row.decidedBy,
    decided_at: row.decidedAt?.toISOString() ?? null,
    decision_reason: row.decisionReason,
  };
}

const Orphans = z
  .array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      reason: z.enum(["MISSING_SYSTEM", "MISSING_SERVICE", "MALFORMED_LABELS"]),
      system: z.string().nullable(),
      service: z.string().nullable(),
    }),
  )
  .catch([]);

export interface AdoptionScanRow {
  id: string;
  clusterId: string;
  startedAt: Date;
  finishedAt: Date | null;
  found: number;
  new: number;
  updated: number;
  gone: number;
  orphans: unknown;
  durationMs: number | null;
  error: string | null;
  errorParams: unknown;
}

const ErrorParams = z.record(z.string(), z.unknown()).catch({});

export function toAdoptionScanSummaryView(
  row: AdoptionScanRow,
  clusterName: string,
): AdoptionScanSummaryView {
  const orphans: OrphanView[] = Orphans.parse(row.orphans);
  return {
    id: row.id,
    cluster_id: row.clusterId,
    cluster_name: clusterName,
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    found: row.found,
    new: row.new,
    updated: row.updated,
    gone: row.gone,
    orphans,
    duration_ms: row.durationMs,
    error: row.error === null ? null : { code: row.error, params: ErrorParams.parse(row.errorParams ?? {}) },
  };
}

/** A cluster's scan; a refused or failed one carries the cluster's last successful scan beside it. */
export function toAdoptionScanView(
  row: AdoptionScanRow,
  clusterName: string,
  lastSuccessful: AdoptionScanRow | null = null,
): AdoptionScanView {
  return {
    ...toAdoptionScanSummaryView(row, clusterName),
    last_successful:
      row.error !== null && lastSuccessful !== null
        ? toAdoptionScanSummaryView(lastSuccessful, clusterName)
        : null,
  };
}
