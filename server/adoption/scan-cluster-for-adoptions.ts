/**
 * The discovery scan of one cluster (SPEC §16), over the **cached** VMs only (no cluster traffic):
 * - a VM carrying `kubevirt-shepherd.io/*` labels (on itself or its template) with no `vms` row of the same
 *   namespace + name is *found*. `vms` is unique by (namespace, name) across clusters — a namespace is a global
 *   entity — so a row with that pair on any cluster, or on none yet (cluster_id null), governs it: it could not
 *   get a row of its own anyway.
 * - found + labels well-formed + system and service (resolved by system + service name) exist → upserted into
 *   `pending_adoptions` keyed by (cluster, k8s uid): PENDING when new, snapshot refreshed when known (an IGNORED
 *   item stays IGNORED, an ADOPTED one is left alone). Otherwise an orphan with its reason, counted in the
 *   scan's summary, never stored as an item.
 * - a PENDING item whose VM is no longer a labelled VM in the cache → GONE (kept, not adoptable). A PENDING item
 *   whose VM is still there but is no longer adoptable (it gained a governance row by other means, or became
 *   an orphan) is deleted: no admin decided anything about it, the `vms` row (or the orphan count) is now its
 *   record, and marking it ADOPTED would claim a decision nobody made.
 * - a VM recreated under the same name (new uid) takes over the old item of that name, which the unique
 *   (cluster, namespace, name) requires: a GONE or ADOPTED one becomes a new PENDING item; an IGNORED one stays
 *   IGNORED (the admin ignored that VM by name; demo clusters get new uids on every start).
 * Only a FRESH cache is scanned: during a relist (REBUILDING) or while the watchers lag (STALE) absent rows do
 * not mean deleted VMs, so the scan is recorded as refused (ADOPTION_SCAN_CACHE_NOT_FRESH) and changes
 * nothing; any other failure is recorded as INTERNAL, its detail only logged. Every scan writes an
 * `adoption_scans` row; the newest ADOPTION_SCANS_KEPT per cluster are kept (and the newest successful one).
 * Overlapping scans of one cluster are serialized by a transaction-scoped advisory lock, and the cache is read
 * through that transaction after taking it, so the later scan sees the earlier one's result.
 * Only items whose snapshot or labels differ are rewritten and counted as updated; the others get their
 * last_seen_at touched in one statement.
 */
import "server-only";
import { type AdoptableLabels, readAdoptionLabels } from "@/lib/adoption/adoption-labels";
import type { AdoptionScanView, OrphanView } from "@/lib/adoption/adoption-views";
import { AppError } from "@/lib/errors/app-error";
import type { GovernedCachedVM } from "../cache/cache-service";
import type { Prisma } from "../db/generated/prisma/client";
import { notifyAdoptionsChanged } from "./adoption-change-notice";
import type { AdoptionDeps } from "./adoption-deps";
import {
  type AdoptionSnapshot,
  readLabels,
  snapshotOf,
  storedSnapshot,
  toAdoptionScanView,
} from "./adoption-view-model";

/** Advisory-lock class of adoption scans ("ADOP"); the second key is hashtext(cluster id). */
const SCAN_LOCK_CLASS = 0x41444f50;
/** Rows per INSERT of new items: well under PostgreSQL's 65,535 bind parameters at ~12 columns a row. */
const CREATE_CHUNK = 1_000;

/** Scans kept per cluster; older ones are deleted when a scan is recorded (the newest successful one stays). */
export const ADOPTION_SCANS_KEPT = 50;
/** Long enough for a cluster of 10,000 VMs on a busy database; a scan that runs longer is rolled back. */
const SCAN_TRANSACTION_TIMEOUT_MS = 120_000;

export interface ScanOptions {
  /** Who ran it, stored as discovered_by: "worker:<id>" or "user:<name>". */
  discoveredBy: string;
  now?: () => Date;
}

export interface ScanOutcome {
  scan: AdoptionScanView;
  /** The inbox changed (new, gone or removed items, or a snapshot that differs): a notice went out. */
  changed: boolean;
}

interface Counts {
  found: number;
  new: number;
  updated: number;
  gone: number;
  removed: number;
  orphans: OrphanView[];
  changed: boolean;
}

export async function scanClusterForAdoptions(
  deps: AdoptionDeps,
  clusterId: string,
  opts: ScanOptions,
): Promise<ScanOutcome> {
  const { prisma } = deps;
  const now = opts.now ?? (() => new Date());
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  if (!cluster) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
  const startedAt = now();
  let counts: Counts;
  // A code and params the UI translates; never English text (the detail of a failure goes to the log).
  let error: { code: string; params: Record<string, string> } | null = null;
  try {
    counts = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCAN_LOCK_CLASS}::int, hashtext(${clusterId}))`;
        // Read through tx, after the lock: the cache as it is once the previous scan has committed.
        const cache = await deps.cache.getCacheStatus(clusterId, tx);
        if (cache.status !== "FRESH") {
          // Rows missing from a cache that is not FRESH are not deleted VMs: refuse rather than mark them GONE.
          error = { code: "ADOPTION_SCAN_CACHE_NOT_FRESH", params: { status: cache.status } };
          return emptyCounts();
        }
        return applyScan(
          tx,
          clusterId,
          await deps.cache.listLabelledVMs(clusterId, tx),
          opts.discoveredBy,
          now(),
        );
      },
      { timeout: SCAN_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (err) {
    counts = emptyCounts();
    deps.log.error({ err, clusterId }, "adoption scan failed");
    error = { code: "INTERNAL", params: {} };
  }
  const finishedAt = now();
  const [row, lastSuccessful] = await prisma.$transaction(async (tx) => {
    const created = await tx.adoptionScan.create({
      data: {
        clusterId,
        startedAt,
        finishedAt,
        found: counts.found,
        new: counts.new,
        updated: counts.updated,
        gone: counts.gone,
        orphans: counts.orphans as unknown as Prisma.InputJsonValue,
        durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
        error: error?.code ?? null,
        errorParams: error ? (error.params as Prisma.InputJsonValue) : undefined,
      },
    });
    await pruneScans(tx, clusterId);
    const success = created.error
      ? await tx.adoptionScan.findFirst({
          where: { clusterId, error: null },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        })
      : null;
    return [created, success] as const;
  });
  if (counts.changed) await notifyAdoptionsChanged(prisma, clusterId, deps.onNoticeError);
  return { scan: toAdoptionScanView(row, cluster.name, lastSuccessful), changed: counts.changed };
}

/** Keeps the newest ADOPTION_SCANS_KEPT scans of a cluster, and its newest successful one (shown beside refusals). */
async function pruneScans(tx: Prisma.TransactionClient, clusterId: string): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM adoption_scans
    WHERE cluster_id = ${clusterId}
      AND id NOT IN (SELECT id FROM adoption_scans WHERE cluster_id = ${clusterId}
                     ORDER BY started_at DESC, id DESC LIMIT ${ADOPTION_SCANS_KEPT})
      AND id NOT IN (SELECT id FROM adoption_scans WHERE cluster_id = ${clusterId} AND error IS NULL
                     ORDER BY started_at DESC, id DESC LIMIT 1)`;
}

function emptyCounts(): Counts {
  return { found: 0, new: 0, updated: 0, gone: 0, removed: 0, orphans: [], changed: false };
}

interface Adoptable {
  cached: GovernedCachedVM;
  labels: AdoptableLabels;
}

async function applyScan(
  tx: Prisma.TransactionClient,
  clusterId: string,
  vms: GovernedCachedVM[],
  discoveredBy: string,
  seenAt: Date,
): Promise<Counts> {
  const counts = emptyCounts();
  const labelled = vms.filter((v) => v.vm.governance !== undefined);
  const governed = await governedPairs(tx, labelled);
  const found = labelled.filter((v) => !governed.has(pairKey(v.vm.namespace, v.vm.name)));
  counts.found = found.length;

  const services = await existingServices(tx, found);
  const adoptable: Adoptable[] = [];
  for (const cached of found) {
    const { vm } = cached;
    const labels = readAdoptionLabels(vm.governance ?? { managed: false });
    const orphan = (reason: OrphanView["reason"]): OrphanView => ({
      namespace: vm.namespace,
      name: vm.name,
      reason,
      system: labels.system,
      service: labels.service,
    });
    if (!labels.ok) counts.orphans.push(orphan("MALFORMED_LABELS"));
    else if (!services.systems.has(labels.system)) counts.orphans.push(orphan("MISSING_SYSTEM"));
    else if (!services.pairs.has(pairKey(labels.system, labels.service)))
      counts.orphans.push(orphan("MISSING_SERVICE"));
    else adoptable.push({ cached, labels });
  }

  const items = await tx.pendingAdoption.findMany({ where: { clusterId } });
  const unchangedIds: string[] = [];
  const byUid = new Map(items.map((i) => [i.k8sUid, i]));
  const byName = new Map(items.map((i) => [pairKey(i.namespace, i.resourceName), i]));
  const adoptableUids = new Set(adoptable.map((a) => a.cached.uid));
  const labelledUids = new Set(labelled.map((v) => v.uid));

  // Items leave the inbox first, so a recreated VM can take over the name of one that went.
  const goneIds = items.filter((i) => i.status === "PENDING" && !labelledUids.has(i.k8sUid)).map((i) => i.id);
  if (goneIds.length > 0) {
    counts.gone = (
      await tx.pendingAdoption.updateMany({
        where: { id: { in: goneIds }, status: "PENDING" },
        data: { status: "GONE" },
      })
    ).count;
  }
  const leavingIds = items
    .filter((i) => i.status === "PENDING" && labelledUids.has(i.k8sUid) && !adoptableUids.has(i.k8sUid))
    .map((i) => i.id);
  if (leavingIds.length > 0) {
    counts.removed = (
      await tx.pendingAdoption.deleteMany({ where: { id: { in: leavingIds }, status: "PENDING" } })
    ).count;
  }

  const created: Prisma.PendingAdoptionCreateManyInput[] = [];
  for (const { cached, labels } of adoptable) {
    const { vm, uid } = cached;
    const snapshot = snapshotOf(vm, cached.devices);
    const fields = {
      k8sUid: uid,
      system: labels.system,
      service: labels.service,
      instance: labels.instance,
      resourceSpec: storedSnapshot(snapshot) as Prisma.InputJsonValue,
      labels: (vm.labels ?? {}) as Prisma.InputJsonValue,
      discoveredBy,
      lastSeenAt: seenAt,
    };
    const known = byUid.get(uid);
    if (known !== undefined) {
      if (known.status === "ADOPTED") continue;
      if (known.status === "GONE") {
        // Seen again after a scan missed it: back in the inbox.
        const revived = await tx.pendingAdoption.updateMany({
          where: { id: known.id, status: "GONE" },
          data: { ...fields, status: "PENDING", decidedBy: null, decidedAt: null, decisionReason: null },
        });
        counts.new += revived.count;
        continue;
      }
      // PENDING or IGNORED: refresh a snapshot that differs, keep the status (a decision made meanwhile wins).
      if (!differs(known, snapshot, vm.labels ?? {})) {
        unchangedIds.push(known.id);
        continue;
      }
      const refreshed = await tx.pendingAdoption.updateMany({
        where: { id: known.id, status: known.status },
        data: fields,
      });
      counts.updated += refreshed.count;
      continue;
    }
    const sameName = byName.get(pairKey(vm.namespace, vm.name));
    if (sameName !== undefined) {
      if (sameName.status === "IGNORED") {
        await tx.pendingAdoption.update({ where: { id: sameName.id }, data: fields });
        counts.updated++;
      } else {
        await tx.pendingAdoption.update({
          where: { id: sameName.id },
          data: {
            ...fields,
            status: "PENDING",
            firstSeenAt: seenAt,
            decidedBy: null,
            decidedAt: null,
            decisionReason: null,
          },
        });
        counts.new++;
      }
      continue;
    }
    created.push({
      ...fields,
      clusterId,
      namespace: vm.namespace,
      resourceName: vm.name,
      resourceType: "VirtualMachine",
      firstSeenAt: seenAt,
    });
  }
  // New items in a few statements, not one round trip each (bench/adoption-scan.bench.ts: a first scan of
  // 10,000 VMs was dominated by single inserts). Safe under the scan's advisory lock: nothing else inserts.
  for (let i = 0; i < created.length; i += CREATE_CHUNK)
    counts.new += (await tx.pendingAdoption.createMany({ data: created.slice(i, i + CREATE_CHUNK) })).count;
  if (unchangedIds.length > 0)
    await tx.pendingAdoption.updateMany({
      where: { id: { in: unchangedIds }, status: { in: ["PENDING", "IGNORED"] } },
      data: { lastSeenAt: seenAt },
    });
  if (counts.new > 0 || counts.updated > 0 || counts.gone > 0 || counts.removed > 0) counts.changed = true;
  return counts;
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

/** (namespace, name) pairs among these VMs that already have a `vms` row, whatever its cluster. */
async function governedPairs(tx: Prisma.TransactionClient, vms: GovernedCachedVM[]): Promise<Set<string>> {
  if (vms.length === 0) return new Set();
  const rows = await tx.vm.findMany({
    where: {
      namespace: { in: [...new Set(vms.map((v) => v.vm.namespace))] },
      name: { in: [...new Set(vms.map((v) => v.vm.name))] },
    },
    select: { namespace: true, name: true },
  });
  return new Set(rows.map((r) => pairKey(r.namespace, r.name)));
}

/** The systems named by these VMs' labels that exist, and the (system, service) pairs that exist. */
async function existingServices(
  tx: Prisma.TransactionClient,
  vms: GovernedCachedVM[],
): Promise<{ systems: Set<string>; pairs: Set<string> }> {
  const names = [...new Set(vms.flatMap((v) => (v.vm.governance?.system ? [v.vm.governance.system] : [])))];
  if (names.length === 0) return { systems: new Set(), pairs: new Set() };
  const systems = await tx.system.findMany({
    where: { name: { in: names } },
    select: { name: true, services: { select: { name: true } } },
  });
  return {
    systems: new Set(systems.map((s) => s.name)),
    pairs: new Set(systems.flatMap((s) => s.services.map((svc) => pairKey(s.name, svc.name)))),
  };
}

/** Whether a refresh changes what the inbox shows (JSONB does not keep key order: compare canonically). */
function differs(
  known: { resourceSpec: unknown; labels: unknown },
  snapshot: AdoptionSnapshot,
  labels: Record<string, string>,
): boolean {
  return (
    canonical(known.resourceSpec) !== canonical(storedSnapshot(snapshot)) ||
    canonical(readLabels(known.labels)) !== canonical(labels)
  );
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
