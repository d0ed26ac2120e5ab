// core/v1 Events as client-go's legacy EventRecorder writes them (the recorder virt-controller and virt-handler
// use): one Event per (source, object, type, reason, message); a repeat bumps `count` and `lastTimestamp` of
// that Event instead of creating a new one (client-go's EventCorrelator aggregation). Events are bounded like
// the apiserver's `--event-ttl` (1 h by default): older ones are deleted, and at most `maxEvents` are kept.
// Recording never throws: a lost event must not fail the controller step that emitted it.

import type { ObjectService } from "./object-service.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import type { ResourceStore } from "./resource-store.ts";
import { apiVersionOf } from "./resource-type.ts";
import { asString, type KObject, nowIso } from "./types.ts";

export const EVENTS_RKEY = "/events";

export interface EventSource {
  /** "virt-controller" or "virt-handler" (KubeVirt's components), "kubelet", "default-scheduler". */
  component: string;
  /** The node, for node agents (virt-handler, kubelet). */
  host?: string;
}

export type EventType = "Normal" | "Warning";

/** The object an Event is about; a KObject, or a reference to one that kubesim does not store (a pod). */
export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface EventRecorderOptions {
  /** Events whose lastTimestamp is older than this are deleted (apiserver `--event-ttl`). Default 1 h. */
  ttlMs?: number;
  /** Hard cap on stored Events; the oldest go first. Default 5 000. */
  maxEvents?: number;
}

const PRUNE_EVERY_MS = 60_000;

export class EventRecorder {
  /** Aggregation key → Event name (client-go keeps the same in an LRU cache). */
  private readonly names = new Map<string, string>();
  private lastPrune = 0;
  private seq = 0;
  readonly ttlMs: number;
  readonly maxEvents: number;
  errors: string[] = [];

  constructor(
    private readonly store: ResourceStore,
    private readonly objects: ObjectService,
    private readonly registry: ResourceRegistry,
    options: EventRecorderOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.maxEvents = options.maxEvents ?? 5_000;
  }

  /** Forgets aggregation state (control-API reset). */
  forget(): void {
    this.names.clear();
    this.lastPrune = 0;
  }

  /** Records an event about a stored object. */
  event(obj: KObject, type: EventType, reason: string, message: string, source: EventSource): void {
    this.eventFor(
      {
        apiVersion: obj.apiVersion ?? "v1",
        kind: obj.kind ?? "",
        name: obj.metadata.name ?? "",
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
      },
      type,
      reason,
      message,
      source,
    );
  }

  eventFor(ref: InvolvedObject, type: EventType, reason: string, message: string, source: EventSource): void {
    const t = this.registry.get("", "events");
    if (!t) return;
    try {
      this.pruneIfDue();
      const ns = ref.namespace ?? "default";
      const key = [
        source.component,
        source.host ?? "",
        ref.uid ?? ref.name,
        ref.kind,
        ns,
        type,
        reason,
        message,
      ].join("\u0000");
      const now = nowIso();
      const existingName = this.names.get(key);
      const existing = existingName ? this.store.get(EVENTS_RKEY, ns, existingName) : undefined;
      if (existing) {
        const count = (typeof existing.count === "number" ? existing.count : 1) + 1;
        this.objects.update(
          t,
          "v1",
          ns,
          existing.metadata.name ?? "",
          { ...existing, count, lastTimestamp: now },
          { internal: true },
        );
        return;
      }
      // client-go: fmt.Sprintf("%v.%x", ref.Name, t.UnixNano()); the sequence keeps names unique within a ms.
      const nanos = BigInt(Date.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
      const name = `${ref.name}.${nanos.toString(16)}`;
      this.objects.create(
        t,
        "v1",
        ns,
        {
          apiVersion: apiVersionOf("", "v1"),
          kind: "Event",
          metadata: { name, namespace: ns },
          involvedObject: involved(ref),
          reason,
          message,
          source: source.host
            ? { component: source.component, host: source.host }
            : { component: source.component },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          type,
          eventTime: null,
          reportingComponent: source.component,
          reportingInstance: source.host ?? "",
        },
        { internal: true },
      );
      this.names.set(key, name);
      if (this.names.size > 4_096) {
        const oldest = this.names.keys().next().value;
        if (oldest !== undefined) this.names.delete(oldest);
      }
    } catch (e) {
      // A terminating namespace refuses new objects, as it refuses the real recorder's.
      this.errors.push(
        `event ${reason} for ${ref.kind} ${ref.namespace}/${ref.name}: ${(e as Error).message}`,
      );
      if (this.errors.length > 100) this.errors.shift();
    }
  }

  private pruneIfDue(): void {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS && this.store.count(EVENTS_RKEY) < this.maxEvents) return;
    this.lastPrune = now;
    this.prune(now);
  }

  /**
   * Deletes Events older than the TTL, then, once `maxEvents` are stored, the oldest down to 90 % of it. The
   * slack matters: trimming to `maxEvents - 1` made every new Event at the cap list, sort and delete one
   * (seconds of CPU per few hundred VM actions at scale, bench/vm-action-latency.bench.ts).
   */
  prune(now = Date.now()): number {
    const t = this.registry.get("", "events");
    if (!t) return 0;
    const all = this.store.list(EVENTS_RKEY);
    const stamp = (e: KObject) =>
      Date.parse(asString(e.lastTimestamp) ?? e.metadata.creationTimestamp ?? "") || 0;
    const expired = all.filter((e) => now - stamp(e) > this.ttlMs);
    const live = all.filter((e) => now - stamp(e) <= this.ttlMs).sort((a, b) => stamp(a) - stamp(b));
    const keep = live.length >= this.maxEvents ? Math.floor(this.maxEvents * 0.9) : live.length;
    const excess = live.slice(0, live.length - keep);
    let removed = 0;
    for (const e of [...expired, ...excess]) {
      try {
        this.objects.delete(t, e.metadata.namespace, e.metadata.name ?? "", {}, { internal: true });
        removed++;
      } catch {
        // Already gone (namespace deletion): nothing to do.
      }
    }
    return removed;
  }
}

function involved(ref: InvolvedObject): Record<string, unknown> {
  const out: Record<string, unknown> = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
  if (ref.namespace) out.namespace = ref.namespace;
  if (ref.uid) out.uid = ref.uid;
  if (ref.resourceVersion) out.resourceVersion = ref.resourceVersion;
  return out;
}
