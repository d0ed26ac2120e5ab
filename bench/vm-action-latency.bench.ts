// Click-to-cluster latency of a VM action, end to end on this machine: the real `POST /api/v1/vms/{id}/stop`
// route handler (in this process, a signed-in member's session cookie) → use case → graphile-worker job →
// the worker's provider call, timed until kubesim's request log records the `PUT …/virtualmachines/<name>/stop`.
//   1. 200 stops one at a time (p50/p90/p99/max; goal p50 ≤ 250 ms), then 200 fired at once (throughput and
//      percentiles); the raw limit: the same PUTs sent straight to kubesim with the KubeClient; the generator's
//      ceiling: the route answering 404 / 409 at once.
//   2. 50 stops until an SSE subscriber (the `/api/events` route handler, same user) got a `cache` notice after
//      which `GET /api/v1/vms/{id}` says STOPPED, split into API → kubesim, kubesim → cache row Stopped, cache →
//      notice, refetch.
// The worker (`server/worker/main.ts`, as `npm start` forks it) runs as a child process: in production it is
// its own process, and here it gets its own event loop instead of queueing behind the generator, the route
// handlers and kubesim. kubesim runs in this process, so its `at_ms` and this process's
// performance.timeOrigin + now() are one clock. Embedded PostgreSQL, removed at the end.
// Run: node --conditions=react-server --import tsx bench/vm-action-latency.bench.ts
//   [--actions N] [--page-actions N] [--step-delay MS]
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startKubeSim } from "../kubesim/simulator.ts";
import { parseConfig } from "../server/config.ts";
import { freePort } from "../server/db/embedded-database.ts";
import { JOB_POLL_INTERVAL_MS } from "../server/jobs/job-runner.ts";
import { CredentialCipher } from "../server/k8s/credential-cipher.ts";
import { registerSimCluster, vmBody } from "../server/testing/watch-harness.ts";
import { openBenchDatabase } from "./bench-database.ts";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v >= 0 ? Math.floor(v) : def;
}
const N = Math.max(1, arg("actions", 200));
const PAGE_N = Math.max(1, arg("page-actions", 50));
const STEP_DELAY_MS = arg("step-delay", 0);
const CEILING_CALLS = 400;
const NS = "test";
const ORIGIN = "http://shepherd.bench";
const PASSWORD = "correct horse battery staple";
const ROOT = path.join(import.meta.dirname, "..");

class BenchFailure extends Error {}
const fail = (message: string): never => {
  throw new BenchFailure(message);
};
const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const dist = (xs: number[]) =>
  `p50 ${ms(pct(xs, 50))}, p90 ${ms(pct(xs, 90))}, p99 ${ms(pct(xs, 99))}, max ${ms(Math.max(...xs))}`;

// What shapes the figures; the worker child gets the same environment, so parseConfig shows its settings.
const key = randomBytes(32);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "shepherd-bench-data-"));
const db = await openBenchDatabase({ maxConnections: 4 });
const env: Record<string, string> = {
  DATABASE_URL: db.url,
  BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
  SHEPHERD_PUBLIC_URL: ORIGIN,
  SHEPHERD_DATA_DIR: dataDir,
  SHEPHERD_EMBEDDED_DATABASE: "false",
  SHEPHERD_ENCRYPTION_KEY: key.toString("base64"),
  LOG_LEVEL: "warn",
  WORKER_METRICS_PORT: String(await freePort()),
  // Health checks and adoption scans are not what is measured: they run once at start, not during it.
  HEALTH_CHECK_INTERVAL_MS: "3600000",
  ADOPTION_SCAN_INTERVAL_MS: "3600000",
};
const config = parseConfig(env);
let sim: Awaited<ReturnType<typeof startKubeSim>> | undefined;
let worker: ChildProcess | undefined;
let closeWeb: (() => Promise<void>) | undefined;
let exitCode = 0;
/** What the bench is doing, for the message of a run that hangs. */
let phase = "setup";
const WATCHDOG_MS = 240_000;
setTimeout(() => {
  console.error(`vm-action-latency bench FAILED: still in "${phase}" after ${WATCHDOG_MS / 1000} s`);
  worker?.kill("SIGKILL");
  void Promise.race([db.close(), sleep(10_000)]).finally(() => process.exit(1));
}, WATCHDOG_MS).unref();

try {
  // The route modules read configuration once, on first import
  Object.assign(process.env, env);

  // ── The cluster: five pools of running VMs in a test-environment namespace.
  const pools = {
    seq: Array.from({ length: N }, (_, i) => `seq-${i}`),
    conc: Array.from({ length: N }, (_, i) => `conc-${i}`),
    page: Array.from({ length: PAGE_N }, (_, i) => `page-${i}`),
    rawSeq: Array.from({ length: N }, (_, i) => `raw-seq-${i}`),
    rawConc: Array.from({ length: N }, (_, i) => `raw-conc-${i}`),
  };
  const all = Object.values(pools).flat();
  sim = await startKubeSim({
    https: true,
    stepDelayMs: STEP_DELAY_MS,
    profile: {
      name: "bench",
      nodes: Array.from({ length: 4 }, (_, i) => ({ name: `node-${i}`, cpu: 1_000, memoryGi: 4_000 })),
      storageClasses: [{ name: "standard", provisioner: "rancher.io/local-path", default: true }],
      namespaces: [NS],
    },
  });
  const kubesim = sim;
  const { prisma } = db;
  const { id: clusterId, client } = await registerSimCluster(prisma, new CredentialCipher({ key }), sim);
  const VMS = `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`;
  const stopPath = (name: string) =>
    `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/${name}/stop`;
  {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < all.length) {
          const name = all[next++] as string;
          await client.request({ method: "POST", path: VMS, body: vmBody(name, "Always") });
        }
      }),
    );
  }
  const running = async () =>
    (
      await client.request<{ items: { status?: { printableStatus?: string } }[] }>({
        method: "GET",
        path: VMS,
      })
    ).items.filter((o) => o.status?.printableStatus === "Running").length;
  await until(`${all.length} VMs Running in kubesim`, async () => (await running()) === all.length, 60_000);

  // ── Shepherd's records: the namespace registered as test (stop runs at once), a service, its governed VMs.
  await prisma.namespaceRegistry.create({ data: { name: NS, environment: "test" } });
  const system = await prisma.system.create({ data: { name: "bench" } });
  const service = await prisma.service.create({ data: { name: "api", systemId: system.id } });
  const governed = [...pools.seq, ...pools.conc, ...pools.page];
  await prisma.vm.createMany({
    data: governed.map((name) => ({
      name,
      namespace: NS,
      clusterId,
      serviceId: service.id,
      status: "RUNNING" as const,
      hostname: name,
    })),
  });
  const idOf = new Map(
    (await prisma.vm.findMany({ select: { id: true, name: true } })).map((r) => [r.name, r.id]),
  );

  // ── The web side, in this process: the composition root, a member of the service, signed in.
  const [{ getWebContext }, { createUser }, stopRoute, detailRoute, eventsRoute] = await Promise.all([
    import("../server/web-context.ts"),
    import("../server/users/create-user.ts"),
    import("../app/api/v1/vms/[id]/stop/route.ts"),
    import("../app/api/v1/vms/[id]/route.ts"),
    import("../app/api/events/route.ts"),
  ]);
  const ctx = getWebContext();
  closeWeb = async () => {
    await ctx.events.close();
    await ctx.prisma.$disconnect();
  };
  const auth = await ctx.auth();
  await createUser(
    ctx.prisma,
    {
      email: "bench@example.test",
      username: "bench",
      name: "bench",
      password: PASSWORD,
      role: "user",
      serviceIds: [service.id],
    },
    { id: "system:bench", name: "bench" },
  );
  const signIn = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": "203.0.113.7" },
      body: JSON.stringify({ username: "bench", password: PASSWORD }),
    }),
  );
  if (signIn.status !== 200) fail(`sign-in answered ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const headers = { origin: ORIGIN, cookie, "content-type": "application/json" };
  const postStop = (id: string) =>
    stopRoute.POST(new Request(`${ORIGIN}/api/v1/vms/${id}/stop`, { method: "POST", headers, body: "{}" }), {
      params: Promise.resolve({ id }),
    });
  const getDetail = async (id: string) => {
    const res = await detailRoute.GET(new Request(`${ORIGIN}/api/v1/vms/${id}`, { headers }), {
      params: Promise.resolve({ id }),
    });
    if (res.status !== 200) fail(`GET /api/v1/vms/${id} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { status: string };
  };

  phase = "worker start";
  // ── The worker, as its own process (see the header).
  const t0Worker = performance.now();
  worker = fork(path.join(ROOT, "server/worker/main.ts"), [], {
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    // The child inherits PATH and friends plus the bench's settings
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const child = worker;
  let workerExit: number | null | undefined;
  child.on("exit", (code) => {
    workerExit = code;
  });
  await until(
    `the worker's watchers to cache ${all.length} Running VMs`,
    async () => {
      if (workerExit !== undefined) fail(`the worker exited with ${workerExit} while starting`);
      const n = await prisma.cachedResource.count({
        where: { clusterId, kind: "VirtualMachine", namespace: NS, status: "Running" },
      });
      if (n !== all.length) return false;
      return ctx.cache.assertClusterWritable(clusterId).then(
        () => true,
        () => false,
      );
    },
    90_000,
  );
  // graphile-worker's LISTEN session: new jobs wake a worker by NOTIFY "jobs:insert", not by the poll.
  let listening = 0;
  await until(
    "graphile-worker's LISTEN session",
    async () => {
      listening = (
        await prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%LISTEN "jobs:insert"%'
            AND pid <> pg_backend_pid()`
      )[0]?.n as number;
      return listening > 0;
    },
    30_000,
  );
  const workerReadyS = (performance.now() - t0Worker) / 1000;

  /** The kubesim request time (at_ms) of the PUT …/<name>/stop of each name, recorded after `since`. */
  const putTimes = (since: number) => {
    const at = new Map<string, number>();
    for (const r of kubesim.cluster.requests.since(since))
      if (r.method === "PUT" && r.path.endsWith("/stop")) at.set(r.path, r.at_ms);
    return at;
  };
  async function waitForPuts(
    names: string[],
    since: number,
    timeoutMs: number,
  ): Promise<Map<string, number>> {
    let at = new Map<string, number>();
    await until(
      `kubesim to receive ${names.length} PUT …/stop`,
      () => {
        at = putTimes(since);
        return names.every((n) => at.has(stopPath(n)));
      },
      timeoutMs,
    );
    return at;
  }
  async function accepted(res: Response, name: string): Promise<string> {
    if (res.status !== 202) fail(`stop of ${name} answered ${res.status}, not 202: ${await res.text()}`);
    const body = (await res.json()) as { task_id?: string; status?: string };
    if (!body.task_id || body.status !== "PROCESSING")
      fail(`stop of ${name} answered 202 without a task: ${JSON.stringify(body)}`);
    return body.task_id as string;
  }

  phase = "generator ceiling";
  // ── 1a. The generator's ceiling: the route refusing at once (404: unknown id; 409: sequential below).
  const ceilingSeq: number[] = [];
  for (let i = 0; i < CEILING_CALLS / 2; i++) {
    const t = performance.now();
    const res = await postStop(`no-such-vm-${i}`);
    ceilingSeq.push(performance.now() - t);
    if (res.status !== 404) fail(`stop of an unknown id answered ${res.status}, not 404`);
  }
  const tc = performance.now();
  const ceilingRes = await Promise.all(
    Array.from({ length: CEILING_CALLS }, (_, i) => postStop(`no-such-vm-c${i}`)),
  );
  const ceilingConcS = (performance.now() - tc) / 1000;
  if (ceilingRes.some((r) => r.status !== 404)) fail("a concurrent stop of an unknown id did not answer 404");

  phase = "sequential stops";
  // ── 1b. Sequential: one stop at a time, each until kubesim has its PUT.
  const tasks: string[] = [];
  const seqLatency: number[] = [];
  const seqApi: number[] = [];
  const seqJob: number[] = [];
  for (const name of pools.seq) {
    const since = kubesim.cluster.requests.lastSeq;
    const t0 = nowMs();
    const res = await postStop(idOf.get(name) as string);
    seqApi.push(nowMs() - t0);
    tasks.push(await accepted(res, name));
    const at = await waitForPuts([name], since, 30_000);
    seqLatency.push((at.get(stopPath(name)) as number) - t0);
    seqJob.push((at.get(stopPath(name)) as number) - t0 - (seqApi.at(-1) as number));
  }

  phase = "409 refusals";
  // ── 1c. The generator's ceiling for a refusal after the full read path: 409 on the VMs just stopped.
  const ceiling409: number[] = [];
  for (const name of pools.seq.slice(0, 50)) {
    const t = performance.now();
    const res = await postStop(idOf.get(name) as string);
    ceiling409.push(performance.now() - t);
    if (res.status !== 409) fail(`a repeated stop of ${name} answered ${res.status}, not 409`);
  }

  phase = "concurrent stops";
  // ── 1d. Concurrent: every stop fired at once.
  const concSince = kubesim.cluster.requests.lastSeq;
  const concStart = nowMs();
  const concApiDone: number[] = [];
  const concRes = await Promise.all(
    pools.conc.map(async (name) => {
      const res = await postStop(idOf.get(name) as string);
      concApiDone.push(nowMs() - concStart);
      return res;
    }),
  );
  for (const [i, res] of concRes.entries()) tasks.push(await accepted(res, pools.conc[i] as string));
  const concAt = await waitForPuts(pools.conc, concSince, 60_000);
  const concLatency = pools.conc.map((n) => (concAt.get(stopPath(n)) as number) - concStart);
  const concSpanS = (Math.max(...concAt.values()) - concStart) / 1000;

  phase = "tasks completing";
  // Every task must have been carried out (COMPLETED), and kubesim must show the VMs stopped.
  await until(
    `${tasks.length} tasks COMPLETED`,
    async () =>
      (await prisma.domainEvent.count({ where: { id: { in: tasks }, status: "COMPLETED" } })) ===
      tasks.length,
    60_000,
  ).catch(async (error: unknown) => {
    const by = await prisma.domainEvent.groupBy({
      by: ["status"],
      where: { id: { in: tasks } },
      _count: true,
    });
    fail(`${error instanceof Error ? error.message : error}; tasks by status: ${JSON.stringify(by)}`);
  });

  phase = "raw PUTs";
  // ── 1e. The raw limit: the same PUT …/stop straight to kubesim with the KubeClient, no Shepherd.
  const rawSeq: number[] = [];
  for (const name of pools.rawSeq) {
    const t = performance.now();
    await client.request({ method: "PUT", path: stopPath(name), body: {} });
    rawSeq.push(performance.now() - t);
  }
  // As many in flight as Shepherd lets one process send to a cluster (K8S_CLUSTER_CONCURRENCY), over warm
  // keep-alive connections: 200 at once would time 200 TLS handshakes, not the PUTs.
  const inFlight = config.k8s.clusterConcurrency;
  await Promise.all(
    Array.from({ length: inFlight }, () => client.request({ method: "GET", path: "/version" })),
  );
  const rawStart = nowMs();
  const rawSince = kubesim.cluster.requests.lastSeq;
  const rawDone: number[] = [];
  {
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < pools.rawConc.length) {
          const name = pools.rawConc[next++] as string;
          await client.request({ method: "PUT", path: stopPath(name), body: {} });
          rawDone.push(nowMs() - rawStart);
        }
      }),
    );
  }
  const rawAt = putTimes(rawSince);
  if (!pools.rawConc.every((n) => rawAt.has(stopPath(n)))) fail("kubesim did not log every raw PUT …/stop");
  const rawSpanS = Math.max(...rawDone) / 1000;

  phase = "stopped on the page";
  // ── 2. Action to Stopped on the page: an SSE subscriber as the same user, refetching on each cache notice.
  const sseAbort = new AbortController();
  const sse = await eventsRoute.GET(
    new Request(`${ORIGIN}/api/events`, { headers, signal: sseAbort.signal }),
    {
      params: Promise.resolve({}),
    },
  );
  if (sse.status !== 200 || !sse.body) fail(`GET /api/events answered ${sse.status}`);
  const notices: number[] = []; // arrival time of each `cache` notice
  let ready = false;
  const stream = (sse.body as ReadableStream).pipeThrough(new TextDecoderStream()).getReader();
  const pump = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await stream.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const event = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        if (event === "ready") ready = true;
        if (event === "cache") notices.push(nowMs());
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
  })();
  await until("the SSE stream's ready event", () => ready, 10_000);

  const page = { total: [] as number[], put: [] as number[], row: [] as number[], notice: [] as number[] };
  const refetch: number[] = [];
  let refetches = 0;
  for (const name of pools.page) {
    const id = idOf.get(name) as string;
    const since = kubesim.cluster.requests.lastSeq;
    let seen = notices.length;
    const t0 = nowMs();
    tasks.push(await accepted(await postStop(id), name));
    let noticeAt = 0;
    let doneAt = 0;
    const deadline = Date.now() + 30_000;
    while (doneAt === 0) {
      if (Date.now() > deadline) fail(`${name} was never shown STOPPED after a cache notice within 30 s`);
      if (notices.length === seen) {
        await sleep(1);
        continue;
      }
      noticeAt = notices[notices.length - 1] as number;
      seen = notices.length;
      const tf = nowMs();
      refetches++;
      if ((await getDetail(id)).status === "STOPPED") {
        doneAt = nowMs();
        refetch.push(doneAt - tf);
      }
    }
    const putAt = putTimes(since).get(stopPath(name)) ?? fail(`kubesim got no PUT …/stop for ${name}`);
    const row = await prisma.cachedResource.findFirst({
      where: { clusterId, kind: "VirtualMachine", namespace: NS, name },
      select: { status: true, observedAt: true },
    });
    if (row?.status !== "Stopped") fail(`the cache row of ${name} is ${row?.status}, not Stopped`);
    const rowAt = (row as { observedAt: Date }).observedAt.getTime();
    page.total.push(doneAt - t0);
    page.put.push(putAt - t0);
    page.row.push(rowAt - putAt);
    page.notice.push(noticeAt - rowAt);
  }
  sseAbort.abort();
  await pump;

  phase = "final checks";
  const stoppedInCluster = (
    await client.request<{ items: { metadata: { name: string }; status?: { printableStatus?: string } }[] }>({
      method: "GET",
      path: VMS,
    })
  ).items.filter((o) => o.status?.printableStatus === "Stopped").length;
  if (stoppedInCluster !== all.length)
    fail(`kubesim shows ${stoppedInCluster} of ${all.length} VMs Stopped at the end`);
  await until(
    `${tasks.length} tasks COMPLETED`,
    async () =>
      (await prisma.domainEvent.count({ where: { id: { in: tasks }, status: "COMPLETED" } })) ===
      tasks.length,
    30_000,
  );

  // ── Figures.
  const cpu = os.cpus();
  const rawSeqP50 = pct(rawSeq, 50);
  const seqP50 = pct(seqLatency, 50);
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    `setup: embedded PostgreSQL; kubesim over HTTPS in this process (stepDelayMs ${STEP_DELAY_MS}, ${all.length} running VMs); the worker (server/worker/main.ts) as a child process, ready in ${workerReadyS.toFixed(1)} s`,
  );
  console.log(
    `settings: graphile-worker pollInterval ${JOB_POLL_INTERVAL_MS} ms, LISTEN "jobs:insert" sessions ${listening} (new jobs by NOTIFY); JOB_CONCURRENCY ${config.jobs.concurrency}; K8S_CLUSTER_CONCURRENCY ${config.k8s.clusterConcurrency}; WATCH_BATCH_MAX_WAIT_MS ${config.watch.batchMaxWaitMs}; CACHE_NOTIFY_DEBOUNCE_MS ${config.cache.notifyDebounceMs}`,
  );
  console.log(
    `generator ceiling (route refusing at once): 404 unknown id ${dist(ceilingSeq)} one at a time, ${Math.round(CEILING_CALLS / ceilingConcS)} calls/s with ${CEILING_CALLS} at once; 409 already stopped (full read path) p50 ${ms(pct(ceiling409, 50))}`,
  );
  console.log(`1. click → kubesim PUT …/stop, ${N} stops of running governed VMs:`);
  console.log(
    `   one at a time:  ${dist(seqLatency)}  — goal p50 ≤ 250 ms ${seqP50 <= 250 ? "met" : "MISSED"}`,
  );
  console.log(`     of which the route until its 202: ${dist(seqApi)}`);
  console.log(`     of which 202 → PUT (NOTIFY, job, provider call): ${dist(seqJob)}`);
  console.log(
    `   all at once:    ${dist(concLatency)}   ${(N / concSpanS).toFixed(0)} actions/s (first call → last PUT ${concSpanS.toFixed(2)} s; last 202 after ${ms(Math.max(...concApiDone))})`,
  );
  console.log(
    `   raw limit (KubeClient PUT …/stop straight to kubesim): one at a time p50 ${ms(rawSeqP50)}, p99 ${ms(pct(rawSeq, 99))}; ${N} with ${inFlight} in flight ${(N / rawSpanS).toFixed(0)} PUTs/s`,
  );
  console.log(
    `   Shepherd / raw: one at a time p50 ${(seqP50 / rawSeqP50).toFixed(0)}×, p99 ${(pct(seqLatency, 99) / pct(rawSeq, 99)).toFixed(0)}×; throughput ${(N / concSpanS / (N / rawSpanS)).toFixed(2)}×`,
  );
  console.log(
    `2. click → STOPPED on the page (SSE cache notice, then GET /api/v1/vms/{id}), ${PAGE_N} stops one at a time:`,
  );
  console.log(`   total:                      ${dist(page.total)}`);
  console.log(`   API → kubesim PUT:          ${dist(page.put)}`);
  console.log(`   kubesim PUT → cache row Stopped (controller + watch + batch commit): ${dist(page.row)}`);
  console.log(
    `   cache row → SSE cache notice (incl. the ${config.cache.notifyDebounceMs} ms debounce): ${dist(page.notice)}`,
  );
  console.log(
    `   refetch that showed STOPPED: ${dist(refetch)}   (${refetches} refetches for ${PAGE_N} stops)`,
  );
} catch (error) {
  exitCode = 1;
  console.error(
    `vm-action-latency bench FAILED: ${error instanceof BenchFailure ? error.message : error instanceof Error ? error.stack : error}`,
  );
} finally {
  phase = "cleanup";
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker?.once("exit", r));
    worker.kill("SIGTERM");
    await Promise.race([exited, sleep(20_000)]);
  }
  await closeWeb?.().catch(() => undefined);
  await sim?.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  await fs.rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
