// The watcher loop against a fake source and sink (STYLE item 6): the exact conversation with the server —
// which resourceVersion each list and watch asked for — across 410, 429, a normal close and a very short watch,
// with a fake clock (no real sleeping) and a fake breaker; plus a leak check: a stopped watcher leaves no timer.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { KubeApiError } from "../k8s/kube-api-error";
import type { Backoff } from "./backoff";
import type { BreakerState, WatchBreaker } from "./circuit-breaker";
import type { Clock } from "./clock";
import type { ListPage, ListWatchSource, WatchEvent } from "./list-watch-source";
import { ResourceWatcher, type WatcherTiming } from "./resource-watcher";
import { countsTowardBreaker } from "./watch-failure";
import type { WatcherStatus, WatchSink } from "./watch-sink";

class FakeClock implements Clock {
  t = 1_000_000;
  timers = new Map<number, { at: number; cb: () => void }>();
  #next = 1;
  now = () => this.t;
  setTimeout = (cb: () => void, ms: number) => {
    const id = this.#next++;
    this.timers.set(id, { at: this.t + ms, cb });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  /** Fires the earliest timer that is not the status ticker or the watchdog, moving time to it. */
  advance(): number | undefined {
    const due = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at);
    const first = due[0];
    if (!first) return undefined;
    const [id, timer] = first;
    this.timers.delete(id);
    const waited = timer.at - this.t;
    this.t = timer.at;
    timer.cb();
    return waited;
  }
}

class FakeBreaker implements WatchBreaker {
  consecutiveFailures = 0;
  countedFailures = 0;
  state: BreakerState = "closed";
  async execute<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const value = await fn();
      this.consecutiveFailures = 0;
      return value;
    } catch (error) {
      if (countsTowardBreaker(error)) this.#fail();
      throw error;
    }
  }
  async recordFailure(): Promise<void> {
    this.#fail();
  }
  retryInMs(): number {
    return 0;
  }
  #fail() {
    this.consecutiveFailures++;
    this.countedFailures++;
  }
}

const fixedBackoff: Backoff = { next: () => 1_000, reset: () => undefined };

type Step =
  | { list: ListPage }
  | { watch: { events?: WatchEvent[]; end: "eof" | "hang" | KubeApiError } }
  | { fail: KubeApiError };

/** A source that plays a script and records what was asked. */
class ScriptedSource implements ListWatchSource {
  calls: string[] = [];
  constructor(private readonly script: Step[]) {}
  #next(expect: "list" | "watch"): Step {
    const step = this.script.shift();
    if (!step) throw new Error(`unscripted ${expect}`);
    return step;
  }
  async listPage(req: { resourceVersion?: string; continue?: string }): Promise<ListPage> {
    this.calls.push(
      req.continue ? `list continue=${req.continue}` : `list rv=${JSON.stringify(req.resourceVersion)}`,
    );
    const step = this.#next("list");
    if ("fail" in step) throw step.fail;
    if (!("list" in step)) throw new Error("expected a list step");
    return step.list;
  }
  async watch(req: { resourceVersion: string; signal: AbortSignal }): Promise<AsyncIterable<WatchEvent>> {
    this.calls.push(`watch rv=${req.resourceVersion}`);
    const step = this.#next("watch");
    if ("fail" in step) throw step.fail;
    if (!("watch" in step)) throw new Error("expected a watch step");
    const { events = [], end } = step.watch;
    const signal = req.signal;
    return (async function* () {
      for (const e of events) yield e;
      if (end === "hang")
        await new Promise((_, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
        );
      else if (end !== "eof") throw end;
    })();
  }
}

class RecordingSink implements WatchSink {
  log: string[] = [];
  statuses: WatcherStatus[] = [];
  constructor(private stored: string | null = null) {}
  async loadResourceVersion() {
    return this.stored;
  }
  async applyBatch(events: readonly WatchEvent[], rv: string) {
    this.log.push(`apply ${events.map((e) => `${e.type}:${name(e.object)}`).join(",")} @${rv}`);
    this.stored = rv;
  }
  async replace(objects: readonly unknown[], rv: string) {
    this.log.push(`replace ${objects.map(name).join(",")} @${rv}`);
    this.stored = rv;
    return { swept: 0 };
  }
  async markRebuilding() {
    this.log.push("rebuilding");
    this.stored = null;
  }
  async reportStatus(s: WatcherStatus) {
    this.statuses.push(s);
  }
}

const obj = (n: string, rv: string) => ({ metadata: { name: n, uid: `uid-${n}`, resourceVersion: rv } });
const name = (o: unknown) => (o as { metadata: { name: string } }).metadata.name;
const ev = (type: WatchEvent["type"], n: string, rv: string): WatchEvent => ({
  type,
  object: obj(n, rv),
  resourceVersion: rv,
});
const kubeError = (status: number, kind: KubeApiError["kind"], reason?: string) =>
  new KubeApiError({ kind, status, message: `HTTP ${status}`, ...(reason ? { reason } : {}) });

const timing: WatcherTiming = {
  timeoutSeconds: { min: 300, max: 600 },
  inactivityMs: 120_000,
  forbiddenRetryMs: 300_000,
  absentRetryMs: 300_000,
  resyncMs: 3_600_000,
  listPageSize: 1,
  batchMaxEvents: 100,
  batchMaxWaitMs: 0,
  statusIntervalMs: 30_000,
};

function setup(script: Step[], stored: string | null = null, log = pino({ level: "silent" })) {
  const clock = new FakeClock();
  const source = new ScriptedSource(script);
  const sink = new RecordingSink(stored);
  const breaker = new FakeBreaker();
  const watcher = new ResourceWatcher({
    clusterId: "c1",
    kind: "VirtualMachine",
    source,
    sink,
    breaker,
    backoff: fixedBackoff,
    timing,
    log,
    clock,
    random: () => 0,
  });
  const abort = new AbortController();
  const done = watcher.run(abort.signal);
  const flush = () => new Promise((r) => setImmediate(r));
  /** Lets the loop run; fires the next timer whenever it is idle, until the source has seen `calls` calls. */
  const until = async (calls: number) => {
    const waits: number[] = [];
    for (let i = 0; i < 200 && source.calls.length < calls; i++) {
      for (let j = 0; j < 5; j++) await flush();
      if (source.calls.length >= calls) break;
      const waited = clock.advance();
      if (waited !== undefined) waits.push(waited);
    }
    for (let j = 0; j < 5; j++) await flush();
    return waits;
  };
  return { clock, source, sink, breaker, watcher, abort, done, until };
}

describe("ResourceWatcher", () => {
  it("asks for the right versions across a normal close, 429, a very short watch and a 410", async () => {
    const t = setup([
      { list: { items: [obj("a", "5")], resourceVersion: "10", continue: "p2" } },
      { list: { items: [obj("b", "7")], resourceVersion: "10" } },
      { watch: { events: [ev("MODIFIED", "a", "11")], end: "eof" } }, // server timeout: clean close
      { fail: kubeError(429, "too-many-requests") },
      { watch: { end: "eof" } }, // closes at once without an event
      { watch: { events: [ev("ADDED", "c", "12")], end: kubeError(410, "gone", "Expired") } },
      { list: { items: [obj("a", "11"), obj("c", "12")], resourceVersion: "20" } },
      { watch: { events: [ev("BOOKMARK", "x", "21")], end: "hang" } },
    ]);
    const waits = await t.until(8);

    expect(t.source.calls).toEqual([
      'list rv="0"',
      "list continue=p2",
      "watch rv=10",
      "watch rv=11", // 429: back off, re-watch from the last version, no relist
      "watch rv=11", // very short watch: back off, same version
      "watch rv=11",
      'list rv="12"', // 410: relist from the last synced version, not ""
      "watch rv=20",
    ]);
    expect(t.sink.log).toEqual([
      "replace a,b @10",
      "apply MODIFIED:a @11",
      "apply ADDED:c @12", // events before the ERROR are applied first, in order
      "rebuilding",
      "replace a,c @20",
      "apply BOOKMARK:x @21",
    ]);
    // Two backoffs (429, very short watch); the 410 relisted at once.
    expect(waits.filter((w) => w === 1_000)).toHaveLength(2);
    // The 410 is not counted by the breaker: only 429 and the very short watch are.
    expect(t.breaker.countedFailures).toBe(2);
    const s = t.watcher.status();
    expect(s).toMatchObject({ state: "watching", relists: 2, gones: 1, restarts: 3 });

    t.abort.abort();
    await t.done;
    expect(t.watcher.status().state).toBe("stopped");
    expect(t.clock.timers.size).toBe(0); // no watchdog, ticker or backoff timer left behind
  });

  it("resumes from the stored version without listing, and relists from '' when that list is 410 too", async () => {
    const t = setup(
      [
        { watch: { events: [ev("MODIFIED", "a", "43")], end: "eof" } },
        { watch: { end: kubeError(410, "gone", "Expired") } },
        { fail: kubeError(410, "gone", "Expired") },
        { list: { items: [obj("a", "50")], resourceVersion: "50" } },
        { watch: { end: "hang" } },
      ],
      "42",
    );
    await t.until(5);
    expect(t.source.calls).toEqual([
      "watch rv=42",
      "watch rv=43",
      'list rv="43"',
      'list rv=""', // the list's own 410: the version is unavailable, read consistently
      "watch rv=50",
    ]);
    expect(t.sink.log).toEqual(["apply MODIFIED:a @43", "rebuilding", "rebuilding", "replace a @50"]);
    expect(t.watcher.status().gones).toBe(2);
    t.abort.abort();
    await t.done;
  });

  it.each([
    [403, "forbidden", "forbidden", 300_000],
    [401, "unauthorized", "forbidden", 300_000],
    [404, "not-found", "absent", 300_000],
  ] as const)("HTTP %i (%s) on the list → state %s, retried slowly", async (status, kind, state, retryMs) => {
    const t = setup([{ fail: kubeError(status, kind) }, { list: { items: [], resourceVersion: "3" } }]);
    await t.until(1);
    expect(t.watcher.status().state).toBe(state);
    expect(t.sink.statuses.some((s) => s.state === state)).toBe(true);
    const failedAt = t.clock.t;
    await t.until(2);
    expect(t.clock.t - failedAt).toBe(retryMs);
    expect(t.breaker.countedFailures).toBe(0);
    t.abort.abort();
    await t.done.catch(() => undefined);
  });

  it("warns once when the cluster does not serve the resource, then retries quietly", async () => {
    const lines: { level: number; msg: string; failure?: string }[] = [];
    const log = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const notFound = () => ({ fail: kubeError(404, "not-found") });
    const t = setup(
      [notFound(), notFound(), notFound(), { list: { items: [], resourceVersion: "3" } }],
      null,
      log,
    );
    await t.until(4);
    const about = (msg: string) =>
      lines.filter((l) => l.msg === msg && l.failure === "absent").map((l) => l.level);
    expect(about("watch failed")).toEqual([40]); // warn, once
    expect(about("resource still not served")).toEqual([20, 20]); // debug for each retry after it
    t.abort.abort();
    await t.done.catch(() => undefined);
  });

  it("leaves no timer and no pending work once stopped while a watch is open", async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const t = setup([{ list: { items: [], resourceVersion: "1" } }, { watch: { end: "hang" } }]);
    await t.until(2);
    expect(t.watcher.status().state).toBe("watching");
    t.abort.abort();
    await t.done;
    expect(t.clock.timers.size).toBe(0);
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBeLessThanOrEqual(
      before,
    );
  });
});
