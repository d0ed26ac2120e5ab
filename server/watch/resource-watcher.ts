/**
 * ResourceWatcher: one reflector per (cluster, resource kind) that keeps the sink (PostgreSQL) in step with the
 * API server — client-go's reflector, to WATCHER.md §3.4.
 *
 * What a consumer may rely on:
 * - The sink's rows are the snapshot of the collection at the stored resourceVersion: every batch of events
 *   and every relist is written in one transaction together with its version, in stream order (one writer).
 * - Start: with a stored version the watcher watches from it (no relist); without one it lists (paginated,
 *   "0" first, see relist.ts) and replaces the rows, sweeping those the list did not return.
 * - A normal close (server timeout) re-watches from the last version at once. 410 Gone, on a watch or a list:
 *   the stored version is cleared and the rows marked rebuilding (reads stale, writes refused) until the relist
 *   replaces them; a 410 is never counted by the breaker and needs no backoff.
 * - 429/5xx/refused/dead or very short watches: backoff with jitter and re-watch from the last version, no
 *   relist; those failures count toward the cluster's breaker, whose open period the watcher sits out.
 *   401/403 → `forbidden`, 404 on the collection → `absent`, both retried slowly.
 * - `run` resolves once its signal aborts (state `stopped`, no timer left); it rejects only when the sink is
 *   fenced (the cluster now belongs to another worker).
 */
import "server-only";
import type { WatchConfig } from "../config";
import type { Logger } from "../log";
import type { Backoff } from "./backoff";
import type { BreakerState, WatchBreaker } from "./circuit-breaker";
import { type Clock, sleep, systemClock } from "./clock";
import type { ListWatchSource, WatchEvent } from "./list-watch-source";
import { relistResourceVersion } from "./relist";
import {
  classifyWatchFailure,
  countsTowardBreaker,
  VeryShortWatchError,
  WatchInactivityError,
} from "./watch-failure";
import { noWatchMetrics, type WatchMetrics } from "./watch-metrics";
import type { WatcherState, WatcherStatus, WatchSink } from "./watch-sink";

/** client-go: a watch that ends sooner than this with no event is an error, not a normal close. */
const VERY_SHORT_WATCH_MS = 1_000;
/** Events read ahead of the writer before the stream is paused (backpressure), in batches. */
const READ_AHEAD_BATCHES = 4;

export type WatcherTiming = Pick<
  WatchConfig,
  | "timeoutSeconds"
  | "inactivityMs"
  | "forbiddenRetryMs"
  | "absentRetryMs"
  | "resyncMs"
  | "listPageSize"
  | "batchMaxEvents"
  | "batchMaxWaitMs"
  | "statusIntervalMs"
>;

export interface ResourceWatcherOptions {
  /** For logs and metrics: the cluster id and the resource kind. */
  clusterId: string;
  kind: string;
  source: ListWatchSource;
  sink: WatchSink;
  breaker: WatchBreaker;
  backoff: Backoff;
  timing: WatcherTiming;
  log: Logger;
  clock?: Clock;
  random?: () => number;
  metrics?: WatchMetrics;
}

export class ResourceWatcher {
  readonly clusterId: string;
  readonly kind: string;
  readonly #o: ResourceWatcherOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #metrics: WatchMetrics;
  readonly #log: Logger;
  /** The last failure was "absent" and has been logged: the retries that follow log at debug only. */
  #absentReported = false;
  #status: WatcherStatus = {
    state: "listing",
    lastHeartbeatAt: null,
    lastEventAt: null,
    lastSyncAt: null,
    relists: 0,
    gones: 0,
    restarts: 0,
    lastError: null,
  };
  /** The version of the last list, batch or bookmark the sink committed. */
  #lastRv: string | null = null;
  #lastRvUnavailable = false;
  #watchesSinceList = 0;
  #nextResyncAt = Number.POSITIVE_INFINITY;
  /** Status writes run one after another so an older one never lands after a newer one. */
  #statusWrite: Promise<void> = Promise.resolve();

  constructor(opts: ResourceWatcherOptions) {
    this.#o = opts;
    this.clusterId = opts.clusterId;
    this.kind = opts.kind;
    this.#clock = opts.clock ?? systemClock;
    this.#random = opts.random ?? Math.random;
    this.#metrics = opts.metrics ?? noWatchMetrics;
    this.#log = opts.log.child({ cluster: opts.clusterId, kind: opts.kind });
  }

  status(): WatcherStatus {
    return { ...this.#status };
  }

  get breakerState(): BreakerState {
    return this.#o.breaker.state;
  }

  async run(signal: AbortSignal): Promise<void> {
    const flush = () => this.#reportStatus();
    let ticker: unknown;
    const tick = () => {
      ticker = this.#clock.setTimeout(() => {
        flush();
        tick();
      }, this.#o.timing.statusIntervalMs);
    };
    tick();
    try {
      await this.#loop(signal);
    } finally {
      this.#clock.clearTimeout(ticker);
      this.#setState("stopped");
      await this.#statusWrite;
    }
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const { sink } = this.#o;
    let loaded = false;
    let needList = false;
    while (!signal.aborted) {
      let phase: "load" | "list" | "watch" = "load";
      try {
        if (!loaded) {
          this.#lastRv = await sink.loadResourceVersion();
          loaded = true;
          needList = this.#lastRv === null;
        }
        if (needList || this.#clock.now() >= this.#nextResyncAt) {
          phase = "list";
          await this.#list(signal);
          needList = false;
        }
        phase = "watch";
        await this.#watch(signal);
      } catch (error) {
        if (signal.aborted) return;
        const failure = classifyWatchFailure(error);
        this.#status.lastError = errorText(error);
        this.#metrics.failed(failure);
        // A resource the cluster does not serve (e.g. clones before KubeVirt v1.5) stays absent for good: say
        // so once, then retry quietly.
        if (failure === "absent" && this.#absentReported)
          this.#log.debug({ failure, phase }, "resource still not served");
        else if (failure !== "gone") this.#log.warn({ err: error, failure, phase }, "watch failed");
        this.#absentReported = failure === "absent";
        switch (failure) {
          case "fatal":
            throw error;
          case "gone":
            // Normal operation: the version left the server's history. Relist at once, uncounted.
            this.#log.info({ phase }, "resourceVersion expired (410); relisting");
            this.#status.gones++;
            this.#metrics.gone();
            if (phase === "list") this.#lastRvUnavailable = true;
            needList = true;
            await this.#markRebuilding(signal);
            break;
          case "version-unavailable":
            this.#lastRvUnavailable = true;
            needList = true;
            break;
          case "forbidden":
            this.#setState("forbidden");
            await sleep(this.#clock, this.#o.timing.forbiddenRetryMs, signal);
            break;
          case "absent":
            // The CRD may be installed later: list from scratch when it is.
            this.#setState("absent");
            this.#heartbeat();
            needList = true;
            await sleep(this.#clock, this.#o.timing.absentRetryMs, signal);
            break;
          case "breaker-open":
            this.#setState("breaker-open");
            await sleep(this.#clock, Math.max(this.#o.breaker.retryInMs(), 1), signal);
            break;
          case "corrupt":
            this.#metrics.malformedStream();
            needList = true;
            await this.#backOff(signal);
            break;
          case "transient":
            if (phase === "load") loaded = false;
            await this.#backOff(signal);
            break;
        }
      }
    }
  }

  async #backOff(signal: AbortSignal): Promise<void> {
    this.#setState(this.#o.breaker.state === "open" ? "breaker-open" : "backoff");
    await sleep(this.#clock, this.#o.backoff.next(), signal);
  }

  async #markRebuilding(signal: AbortSignal): Promise<void> {
    try {
      await this.#o.sink.markRebuilding();
    } catch (error) {
      // The relist that follows clears the mark anyway; back off so a down database is not hammered.
      this.#log.warn({ err: error }, "could not mark the cache rebuilding");
      await this.#backOff(signal);
    }
  }

  async #list(signal: AbortSignal): Promise<void> {
    const { source, sink, breaker, timing } = this.#o;
    this.#setState("listing");
    const resourceVersion = relistResourceVersion({
      lastSyncResourceVersion: this.#lastRv,
      lastSyncResourceVersionUnavailable: this.#lastRvUnavailable,
    });
    const items: unknown[] = [];
    let listRv = "";
    let token: string | undefined;
    do {
      const page = await breaker.execute(
        () =>
          source.listPage({
            limit: timing.listPageSize,
            signal,
            ...(token === undefined ? { resourceVersion } : { continue: token }),
          }),
        signal,
      );
      this.#heartbeat();
      for (const item of page.items) items.push(item);
      listRv = page.resourceVersion;
      token = page.continue;
    } while (token !== undefined && token !== "");
    if (signal.aborted) return;
    const { swept } = await sink.replace(items, listRv);
    this.#lastRv = listRv;
    this.#lastRvUnavailable = false;
    this.#watchesSinceList = 0;
    this.#status.relists++;
    this.#status.lastSyncAt = new Date(this.#clock.now());
    this.#nextResyncAt = this.#clock.now() + timing.resyncMs * (0.5 + this.#random() / 2);
    this.#metrics.relisted(swept);
    this.#log.info({ resourceVersion: listRv, objects: items.length, swept }, "listed");
  }

  /** One watch, from open to close. Returns on a clean close; throws what ended it otherwise. */
  async #watch(parent: AbortSignal): Promise<void> {
    const { source, breaker, timing } = this.#o;
    const from = this.#lastRv;
    if (from === null) throw new Error("watch without a resourceVersion");
    if (this.#watchesSinceList++ > 0) {
      this.#status.restarts++;
      this.#metrics.restarted();
    }
    const { min, max } = timing.timeoutSeconds;
    const timeoutSeconds = min + Math.floor(this.#random() * (max - min + 1));
    const controller = new AbortController();
    const onParentAbort = () => controller.abort(parent.reason);
    parent.addEventListener("abort", onParentAbort, { once: true });
    let watchdog: unknown;
    const armWatchdog = () => {
      this.#clock.clearTimeout(watchdog);
      watchdog = this.#clock.setTimeout(
        () => controller.abort(new WatchInactivityError(`no event for ${timing.inactivityMs} ms`)),
        timing.inactivityMs,
      );
    };
    const started = this.#clock.now();
    let received = 0;
    let opened = false;
    try {
      armWatchdog();
      const stream = await breaker.execute(
        () => source.watch({ resourceVersion: from, timeoutSeconds, signal: controller.signal }),
        parent,
      );
      opened = true;
      this.#setState("watching");
      this.#heartbeat();
      received = await this.#consume(stream, controller, armWatchdog, parent);
    } catch (error) {
      // Our own watchdog aborted the stream: report the inactivity, not the abort reason's wrapper.
      const cause = controller.signal.aborted && !parent.aborted ? controller.signal.reason : error;
      // A failure to open was already seen by breaker.execute; one after it is recorded here.
      if ((opened || cause !== error) && countsTowardBreaker(cause)) await breaker.recordFailure(cause);
      throw cause;
    } finally {
      this.#clock.clearTimeout(watchdog);
      parent.removeEventListener("abort", onParentAbort);
    }
    if (parent.aborted) return;
    if (received === 0 && this.#clock.now() - started < VERY_SHORT_WATCH_MS) {
      const error = new VeryShortWatchError("watch closed within 1 s without an event");
      await breaker.recordFailure(error);
      throw error;
    }
    this.#status.lastError = null;
  }

  /**
   * Reads the stream while committing batches: the reader queues events (pausing when far ahead), the writer
   * takes what is queued — up to batchMaxEvents, lingering batchMaxWaitMs for more — and commits it with the
   * version of its last event. Events received before a failure are committed before the failure is thrown.
   */
  async #consume(
    stream: AsyncIterable<WatchEvent>,
    controller: AbortController,
    armWatchdog: () => void,
    parent: AbortSignal,
  ): Promise<number> {
    const { sink, timing } = this.#o;
    const queue: WatchEvent[] = [];
    let done = false;
    let failure: unknown;
    let received = 0;
    let wakeWriter: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const signalWriter = () => {
      wakeWriter?.();
      wakeWriter = undefined;
    };
    const reader = (async () => {
      try {
        for await (const event of stream) {
          received++;
          armWatchdog();
          this.#heartbeat();
          queue.push(event);
          signalWriter();
          if (queue.length >= timing.batchMaxEvents * READ_AHEAD_BATCHES)
            await new Promise<void>((resolve) => {
              wakeReader = resolve;
            });
        }
      } catch (error) {
        failure = error;
      } finally {
        done = true;
        signalWriter();
      }
    })();
    const wait = () =>
      new Promise<void>((resolve) => {
        wakeWriter = resolve;
      });
    try {
      for (;;) {
        if (queue.length === 0) {
          if (done) break;
          await wait();
          continue;
        }
        const deadline = this.#clock.now() + timing.batchMaxWaitMs;
        while (queue.length < timing.batchMaxEvents && !done && !parent.aborted) {
          const remaining = deadline - this.#clock.now();
          if (remaining <= 0) break;
          const linger = new AbortController();
          await Promise.race([wait(), sleep(this.#clock, remaining, linger.signal)]);
          linger.abort();
        }
        if (parent.aborted) break;
        const batch = queue.splice(0, timing.batchMaxEvents);
        wakeReader?.();
        wakeReader = undefined;
        const last = batch.at(-1);
        if (last === undefined) continue;
        const began = performance.now();
        await sink.applyBatch(batch, last.resourceVersion);
        this.#metrics.applied(batch.length, (performance.now() - began) / 1000);
        this.#lastRv = last.resourceVersion;
        if (batch.some((e) => e.type !== "BOOKMARK")) this.#status.lastEventAt = new Date(this.#clock.now());
      }
    } catch (error) {
      controller.abort(error);
      wakeReader?.();
      await reader;
      throw error;
    }
    wakeReader?.();
    await reader;
    if (failure !== undefined) throw failure;
    return received;
  }

  #heartbeat(): void {
    this.#status.lastHeartbeatAt = new Date(this.#clock.now());
  }

  #setState(state: WatcherState): void {
    if (this.#status.state === state) return;
    this.#status.state = state;
    this.#reportStatus(true);
  }

  #reportStatus(stateChanged = false): void {
    const snapshot = this.status();
    this.#statusWrite = this.#statusWrite
      .then(() => this.#o.sink.reportStatus(snapshot, { stateChanged }))
      .catch((error: unknown) => this.#log.warn({ err: error }, "could not record the watcher status"));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
