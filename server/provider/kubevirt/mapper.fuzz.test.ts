// Damages recorded VM/VMI objects at random (seeded, so every run is the same) and checks that the mappers
// either return a well-formed domain object or throw K8S_SCHEMA_INCOMPATIBLE — never anything else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VMIPhase, VMStatus } from "@/lib/domain";
import { isAppError } from "@/lib/errors/app-error";
import { mapClone, mapMigration, mapRestore, mapSnapshot, mapVM, mapVMI, mapVMList } from "./mapper";

const recorded = JSON.parse(
  readFileSync(new URL("./fixtures/kubesim-recorded.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const ctx = { cluster: "fuzz" };
const ROUNDS = 5_000;
const SEED = 0x5eed;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  " ",
  "x",
  "2Gi",
  "Running",
  "constructor",
  "__proto__",
  true,
  false,
  [],
  [null],
  ["a", 1],
  {},
  { a: 1 },
  { type: "Failure", status: "True" },
];

/** Every [parent, key] pair in the tree, so a mutation can target any depth. */
function slots(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        out.push([node, i]);
        walk(child);
      });
    } else if (typeof node === "object" && node !== null) {
      for (const [k, child] of Object.entries(node)) {
        out.push([node as Record<string, unknown>, k]);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

function damage(obj: unknown, rnd: () => number, mutations: number): unknown {
  const root = { root: structuredClone(obj) };
  for (let i = 0; i < mutations; i++) {
    const all = slots(root);
    const pick = all[Math.floor(rnd() * all.length)];
    if (pick === undefined) break;
    const [parent, key] = pick;
    const current = (parent as Record<string | number, unknown>)[key];
    const r = rnd();
    let next: unknown;
    if (r < 0.25)
      next = undefined; // delete
    else if (r < 0.35) next = null;
    else if (r < 0.5 && Array.isArray(current))
      next = Object.fromEntries(current.map((v, j) => [String(j), v])); // array → object
    else if (r < 0.6 && typeof current === "object" && current !== null && !Array.isArray(current))
      next = Object.values(current); // object → array
    else if (r < 0.7 && typeof current === "string")
      next = current.length; // string → number
    else if (r < 0.75 && typeof current === "number")
      next = String(current); // number → string
    else next = structuredClone(JUNK[Math.floor(rnd() * JUNK.length)]);
    if (next === undefined) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else (parent as Record<string | number, unknown>)[key] = next;
  }
  return root.root;
}

const VM_STATUSES = new Set<string>(Object.values(VMStatus));
const VMI_PHASES = new Set<string>(Object.values(VMIPhase));

function expectString(value: unknown, label: string) {
  if (typeof value !== "string") throw new Error(`${label} is ${typeof value}: ${String(value)}`);
}
function expectOptionalString(value: unknown, label: string) {
  if (value !== undefined) expectString(value, label);
}
function expectFinite(value: unknown, label: string) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new Error(`${label} is not a finite non-negative number: ${String(value)}`);
}
function expectDate(value: unknown, label: string) {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new Error(`${label} is not a valid Date`);
}
function expectStringMap(value: unknown, label: string) {
  if (value === undefined) return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) expectString(v, `${label}.${k}`);
}

function checkVM(vm: ReturnType<typeof mapVM>) {
  for (const f of ["id", "name", "namespace", "cluster"] as const) expectString(vm[f], f);
  expect(vm.name).not.toBe("");
  expect(vm.namespace).not.toBe("");
  expect(VM_STATUSES.has(vm.status)).toBe(true);
  expectFinite(vm.cpu, "cpu");
  expectFinite(vm.memoryMb, "memoryMb");
  if (vm.diskGb !== undefined) expectFinite(vm.diskGb, "diskGb");
  expectDate(vm.createdAt, "createdAt");
  if (vm.startedAt !== undefined) expectDate(vm.startedAt, "startedAt");
  for (const f of [
    "statusMessage",
    "statusReason",
    "rawStatus",
    "runStrategy",
    "ip",
    "nodeName",
    "image",
    "instance",
    "serviceId",
  ] as const)
    expectOptionalString(vm[f], f);
  if (vm.statusMessage !== undefined) expect(vm.statusReason).toBeTypeOf("string");
  expectStringMap(vm.labels, "labels");
  expectStringMap(vm.annotations, "annotations");
  if (vm.instanceType !== undefined) {
    expectString(vm.instanceType.kind, "instanceType.kind");
    expectString(vm.instanceType.name, "instanceType.name");
  }
  if (vm.governance !== undefined) {
    expect(typeof vm.governance.managed).toBe("boolean");
    for (const v of Object.values(vm.governance)) if (typeof v !== "boolean") expectString(v, "governance");
  }
}

function checkVMI(vmi: ReturnType<typeof mapVMI>) {
  for (const f of ["name", "namespace", "cluster"] as const) expectString(vmi[f], f);
  expect(VMI_PHASES.has(vmi.phase)).toBe(true);
  expectOptionalString(vmi.nodeName, "nodeName");
  expectOptionalString(vmi.rawPhase, "rawPhase");
  expect(Array.isArray(vmi.ips)).toBe(true);
  for (const ip of vmi.ips) expectString(ip, "ips[]");
  for (const i of vmi.interfaces) {
    for (const ip of i.ips) expectString(ip, "interfaces[].ips[]");
    expectOptionalString(i.ip, "interfaces[].ip");
    expectOptionalString(i.name, "interfaces[].name");
    expectOptionalString(i.mac, "interfaces[].mac");
  }
  for (const c of vmi.conditions) {
    expectString(c.type, "conditions[].type");
    expectString(c.status, "conditions[].status");
    expectOptionalString(c.reason, "conditions[].reason");
    expectOptionalString(c.message, "conditions[].message");
  }
  expectDate(vmi.createdAt, "createdAt");
  if (vmi.migrationState !== undefined) {
    expect(typeof vmi.migrationState.completed).toBe("boolean");
    expect(typeof vmi.migrationState.failed).toBe("boolean");
  }
  for (const v of Object.values(vmi.guestOS ?? {})) expectString(v, "guestOS");
}

/** Runs `fn`; returns "ok", "incompatible", or rethrows anything else. */
function attempt(fn: () => void): "ok" | "incompatible" {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (isAppError(e, "K8S_SCHEMA_INCOMPATIBLE")) return "incompatible";
    throw e;
  }
}

const pairs = Object.entries(recorded)
  .filter(([, v]) => typeof v === "object" && v !== null && "vm" in v && (v as { vm: unknown }).vm !== null)
  .map(([k, v]) => [k, v as { vm: unknown; vmi: unknown }] as const);

describe(`fuzz: ${ROUNDS} damaged VM/VMI pairs (seed ${SEED})`, () => {
  it("never throws except K8S_SCHEMA_INCOMPATIBLE, and every domain field has its type", () => {
    const rnd = prng(SEED);
    const tally = { ok: 0, incompatible: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const [key, p] = pairs[i % pairs.length] as (typeof pairs)[number];
      const mutations = 1 + Math.floor(rnd() * 12);
      const vm = damage(p.vm, rnd, mutations);
      const vmi = p.vmi === null ? null : damage(p.vmi, rnd, mutations);
      try {
        tally[attempt(() => checkVM(mapVM(vm, vmi, ctx)))]++;
        if (vmi !== null) attempt(() => checkVMI(mapVMI(vmi, ctx)));
      } catch (e) {
        throw new Error(
          `round ${i} (${key}): ${String(e)}\nvm=${JSON.stringify(vm)}\nvmi=${JSON.stringify(vmi)}`,
        );
      }
    }
    // The damage must really exercise both outcomes.
    expect(tally.ok).toBeGreaterThan(ROUNDS / 2);
    expect(tally.incompatible).toBeGreaterThan(0);
  });

  it("mapVMList over damaged lists reports every skip and maps the rest", () => {
    const rnd = prng(SEED + 1);
    const vms = pairs.flatMap(([, p]) => Array.from({ length: 20 }, () => damage(p.vm, rnd, 3)));
    const vmis = pairs.flatMap(([, p]) => (p.vmi === null ? [] : [damage(p.vmi, rnd, 3)]));
    let skipped = 0;
    const out = mapVMList(vms, vmis, {
      cluster: "fuzz",
      onSkip: (error) => {
        expect(isAppError(error, "K8S_SCHEMA_INCOMPATIBLE")).toBe(true);
        skipped++;
      },
    });
    expect(out.length + skipped).toBe(vms.length);
    for (const vm of out) checkVM(vm);
  });

  it.each([
    ["snapshot-Succeeded", mapSnapshot],
    ["restore-complete", mapRestore],
    ["clone-Succeeded", mapClone],
    ["vmim-Succeeded", mapMigration],
  ] as const)("damaged %s objects", (key, map) => {
    const rnd = prng(SEED + key.length);
    for (let i = 0; i < 500; i++) {
      const obj = damage(recorded[key], rnd, 1 + Math.floor(rnd() * 8));
      attempt(() => {
        const out = map(obj, ctx) as unknown as Record<string, unknown>;
        for (const f of ["name", "namespace", "cluster", "status"]) expectString(out[f], f);
        expectDate(out.createdAt, "createdAt");
        expectOptionalString(out.errorMessage, "errorMessage");
        for (const f of ["sourceVm", "targetVm", "vmName", "snapshotName"])
          if (f in out) expectString(out[f], f);
      });
    }
  });
});
