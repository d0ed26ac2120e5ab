// Mapper throughput: mapVMList over N VM+VMI pairs (one Map index of the VMIs, O(n)), against the same data
// joined by a naive per-VM linear search of the VMI list (O(n²)), printed with the ratio.
// The pairs are copies of a recorded kubesim VM and VMI with distinct names, shuffled so the search cannot
// get lucky. Run: node --import tsx bench/mapper.bench.ts [--pairs N] [--runs N]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { mapVM, mapVMList } from "../server/provider/kubevirt/mapper.ts";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : def;
}

const PAIRS = arg("pairs", 10_000);
const RUNS = arg("runs", 7);
const WARMUP = 3;
const ctx = { cluster: "bench" };

type Obj = { metadata: { name: string; namespace: string } } & Record<string, unknown>;
const fixtures = JSON.parse(
  readFileSync(
    new URL("../server/provider/kubevirt/fixtures/kubesim-recorded.json", import.meta.url),
    "utf8",
  ),
) as Record<string, { vm: Obj; vmi: Obj }>;
const base = fixtures["life-Running"];
if (base === undefined) throw new Error("fixture life-Running missing");

let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const vms: Obj[] = [];
const vmis: Obj[] = [];
for (let i = 0; i < PAIRS; i++) {
  const name = `vm-${String(i).padStart(6, "0")}`;
  const namespace = `ns-${i % 20}`;
  const vm = structuredClone(base.vm);
  vm.metadata = { ...vm.metadata, name, namespace };
  const vmi = structuredClone(base.vmi);
  vmi.metadata = { ...vmi.metadata, name, namespace };
  vms.push(vm);
  vmis.push(vmi);
}
for (let i = vmis.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [vmis[i], vmis[j]] = [vmis[j] as Obj, vmis[i] as Obj];
}

function naive(): number {
  let n = 0;
  for (const vm of vms) {
    const m = vm.metadata;
    const vmi = vmis.find((x) => x.metadata.name === m.name && x.metadata.namespace === m.namespace);
    mapVM(vm, vmi, ctx);
    n++;
  }
  return n;
}
const indexed = () => mapVMList(vms, vmis, ctx).length;

function measure(label: string, fn: () => number, runs: number): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const n = fn();
    times.push(performance.now() - t0);
    if (n !== PAIRS) throw new Error(`${label} mapped ${n} of ${PAIRS}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const perSec = Math.round(PAIRS / (median / 1000));
  console.log(
    `${label.padEnd(34)} median ${median.toFixed(1).padStart(8)} ms  ${perSec.toLocaleString("en-US").padStart(11)} pairs/s  (runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms)`,
  );
  return median;
}

console.log(
  `mapper: ${PAIRS.toLocaleString("en-US")} VM+VMI pairs, ${WARMUP} warm-up rounds, median of ${RUNS} runs`,
);
const fast = measure("mapVMList (Map index)", indexed, RUNS);
const slow = measure("naive per-VM linear VMI search", naive, Math.min(RUNS, 5));
console.log(`ratio: naive / mapVMList = ${(slow / fast).toFixed(1)}×`);
