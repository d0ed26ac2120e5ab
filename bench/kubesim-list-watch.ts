// kubesim's own list and watch throughput: seed 50,000 VMs (+ VMIs for the running ones), page through
// 10,000 and then all of them, and fan out a burst of writes to 20 concurrent watchers.
// Run: node --import tsx bench/kubesim-list-watch.ts [--vms N] [--watchers N] [--writes N]
import http from "node:http";
import { startKubeSim } from "../kubesim/simulator.ts";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : def;
}

const VMS = arg("vms", 50_000);
const WATCHERS = arg("watchers", 20);
const WRITES = arg("writes", 2_000);
const PAGE = 500;

async function getJson(
  url: string,
  token: string,
): Promise<{ metadata: { continue?: string; resourceVersion: string }; items: unknown[] }> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as { metadata: { continue?: string; resourceVersion: string }; items: unknown[] };
}

async function pagedList(
  base: string,
  token: string,
  max: number,
): Promise<{ items: number; pages: number; ms: number }> {
  const t0 = performance.now();
  let cont: string | undefined;
  let items = 0;
  let pages = 0;
  do {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (cont) q.set("continue", cont);
    const page = await getJson(`${base}/apis/kubevirt.io/v1/virtualmachines?${q}`, token);
    items += page.items.length;
    pages++;
    cont = page.metadata.continue;
  } while (cont && items < max);
  return { items, pages, ms: performance.now() - t0 };
}

/** A raw watch stream counting events; resolves `reached` when `target` non-bookmark events arrived. */
function openWatch(
  url: string,
  token: string,
  target: number,
): Promise<{ reached: Promise<number>; close: () => void }> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let buf = "";
    let done: (t: number) => void = () => undefined;
    const reached = new Promise<number>((r) => {
      done = r;
    });
    const req = http.get(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let nl = buf.indexOf("\n");
        while (nl >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.startsWith('{"type":"MODIFIED"')) {
            count++;
            if (count === target) done(performance.now());
          }
          nl = buf.indexOf("\n");
        }
      });
      resolve({ reached, close: () => req.destroy() });
    });
    req.on("error", (e) => {
      if (count < target) reject(e);
    });
  });
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const sim = await startKubeSim({ profile: "default", vmCount: VMS, stepDelayMs: 300 });
const seedMs = performance.now() - t0;
const token = sim.adminToken ?? "";
const st = await sim.client.state();
const heap1 = process.memoryUsage().heapUsed;
console.log(
  `kubesim bench: ${st.counts.virtualmachines} VMs, ${st.counts.virtualmachineinstances} VMIs held`,
);
console.log(
  `  seed:                      ${seedMs.toFixed(0)} ms, heap +${mb(heap1 - heap0)} (${mb(heap1)} used)`,
);

const p10k = await pagedList(sim.url, token, 10_000);
console.log(
  `  paginated list of ${p10k.items}:  ${p10k.ms.toFixed(0)} ms in ${p10k.pages} pages of ${PAGE} → ${((p10k.items / p10k.ms) * 1000).toFixed(0)} objects/s, ${(p10k.ms / p10k.pages).toFixed(1)} ms/page`,
);
const pall = await pagedList(sim.url, token, Number.POSITIVE_INFINITY);
console.log(
  `  paginated list of ${pall.items}: ${pall.ms.toFixed(0)} ms in ${pall.pages} pages → ${((pall.items / pall.ms) * 1000).toFixed(0)} objects/s`,
);
const single = performance.now();
const one = await getJson(`${sim.url}/apis/kubevirt.io/v1/virtualmachines?limit=10000`, token);
console.log(`  single page of ${one.items.length}:    ${(performance.now() - single).toFixed(0)} ms`);

// Watch fan-out: WATCHERS watchers, WRITES label patches done in-process (no HTTP write overhead).
const rv = String(sim.cluster.store.currentRv);
const watches = await Promise.all(
  Array.from({ length: WATCHERS }, () =>
    openWatch(
      `${sim.url}/apis/kubevirt.io/v1/virtualmachines?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
      token,
      WRITES,
    ),
  ),
);
const vmType = sim.cluster.registry.get("kubevirt.io", "virtualmachines");
if (!vmType) throw new Error("VM type missing");
const targets = sim.cluster.store.list("kubevirt.io/virtualmachines").slice(0, WRITES);
const w0 = performance.now();
for (const [i, vm] of targets.entries()) {
  sim.cluster.objects.patch(
    vmType,
    "v1",
    vm.metadata.namespace,
    vm.metadata.name ?? "",
    "merge",
    { metadata: { labels: { bench: String(i) } } },
    { internal: true },
  );
}
const writeMs = performance.now() - w0;
const ends = await Promise.all(watches.map((w) => w.reached));
const fanMs = Math.max(...ends) - w0;
for (const w of watches) w.close();
const delivered = WRITES * WATCHERS;
console.log(
  `  writes:                    ${WRITES} in ${writeMs.toFixed(0)} ms → ${((WRITES / writeMs) * 1000).toFixed(0)} writes/s`,
);
console.log(
  `  watch fan-out:             ${WATCHERS} watchers × ${WRITES} events = ${delivered} deliveries in ${fanMs.toFixed(0)} ms → ${((delivered / fanMs) * 1000).toFixed(0)} events/s`,
);
console.log(
  `  ratios:                    fan-out cost per watcher ${(fanMs / WATCHERS).toFixed(1)} ms; delivery/write time ${(fanMs / writeMs).toFixed(2)}×; full list / 10k list ${(pall.ms / p10k.ms).toFixed(2)}× for ${(pall.items / p10k.items).toFixed(1)}× objects`,
);
await sim.stop();
