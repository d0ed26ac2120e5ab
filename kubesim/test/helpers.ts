// Test helpers: a simulator plus @kubernetes/client-node clients, raw HTTP, Status assertions and
// watch-based waiting (no fixed sleeps).
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, expect } from "vitest";
import { type KubeSim, type KubeSimOptions, startKubeSim } from "../simulator.ts";
import { isRecord, type KObject } from "../types.ts";

export interface TestSim {
  sim: KubeSim;
  kc: k8s.KubeConfig;
  co: k8s.CustomObjectsApi;
  core: k8s.CoreV1Api;
  objs: k8s.KubernetesObjectApi;
  stop(): Promise<void>;
}

export async function startTestSim(opts: KubeSimOptions = {}): Promise<TestSim> {
  const sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, ...opts });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(sim.kubeconfigYaml);
  return {
    sim,
    kc,
    co: kc.makeApiClient(k8s.CustomObjectsApi),
    core: kc.makeApiClient(k8s.CoreV1Api),
    objs: k8s.KubernetesObjectApi.makeApiClient(kc),
    stop: () => sim.stop(),
  };
}

/**
 * Starts a simulator before the file's tests and stops it after them. The returned object is filled in by the
 * beforeAll hook, so it is usable inside tests and hooks (not at module level).
 */
export function startTestSimForFile(opts: KubeSimOptions = {}): TestSim {
  const t = {} as TestSim;
  beforeAll(async () => {
    Object.assign(t, await startTestSim(opts));
  });
  afterAll(async () => {
    await t.stop();
  });
  return t;
}

export const VM = { group: "kubevirt.io", version: "v1", plural: "virtualmachines" } as const;
export const VMI = { group: "kubevirt.io", version: "v1", plural: "virtualmachineinstances" } as const;

/** Creates a VirtualMachineInstanceMigration of `vmiName`; `spec` adds to its spec. */
export function createMigration(
  t: TestSim,
  ns: string,
  name: string,
  vmiName: string,
  spec: Record<string, unknown> = {},
): Promise<KObject> {
  return t.co.createNamespacedCustomObject({
    group: "kubevirt.io",
    version: "v1",
    plural: "virtualmachineinstancemigrations",
    namespace: ns,
    body: {
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachineInstanceMigration",
      metadata: { name },
      spec: { vmiName, ...spec },
    },
  }) as Promise<KObject>;
}

/** Creates a VirtualMachineSnapshot of the VM `vmName`. */
export function createSnapshot(t: TestSim, ns: string, name: string, vmName: string): Promise<KObject> {
  return t.co.createNamespacedCustomObject({
    group: "snapshot.kubevirt.io",
    version: "v1beta1",
    plural: "virtualmachinesnapshots",
    namespace: ns,
    body: {
      apiVersion: "snapshot.kubevirt.io/v1beta1",
      kind: "VirtualMachineSnapshot",
      metadata: { name },
      spec: { source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: vmName } },
    },
  }) as Promise<KObject>;
}

/** Creates a VirtualMachineRestore of `snapshotName` onto the VM `vmName`; `spec` adds to its spec. */
export function createRestore(
  t: TestSim,
  ns: string,
  name: string,
  vmName: string,
  snapshotName: string,
  spec: Record<string, unknown> = {},
): Promise<KObject> {
  return t.co.createNamespacedCustomObject({
    group: "snapshot.kubevirt.io",
    version: "v1beta1",
    plural: "virtualmachinerestores",
    namespace: ns,
    body: {
      apiVersion: "snapshot.kubevirt.io/v1beta1",
      kind: "VirtualMachineRestore",
      metadata: { name },
      spec: {
        target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: vmName },
        virtualMachineSnapshotName: snapshotName,
        ...spec,
      },
    },
  }) as Promise<KObject>;
}

export function vmManifest(
  name: string,
  spec: Record<string, unknown> = { runStrategy: "Halted" },
  meta: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, ...meta },
    spec: {
      ...spec,
      template: {
        metadata: { labels: { "kubevirt.io/domain": name } },
        spec: {
          domain: {
            devices: {
              disks: [{ name: "rootdisk", disk: { bus: "virtio" } }],
              interfaces: [{ name: "default", masquerade: {} }],
            },
            memory: { guest: "1Gi" },
          },
          networks: [{ name: "default", pod: {} }],
          volumes: [{ name: "rootdisk", containerDisk: { image: "quay.io/containerdisks/fedora:41" } }],
          ...((spec.templateSpec as Record<string, unknown> | undefined) ?? {}),
        },
      },
      templateSpec: undefined,
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function raw(
  sim: KubeSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token: string | undefined = sim.adminToken,
): Promise<RawResponse> {
  const h: Record<string, string> = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined && !h["Content-Type"]) h["Content-Type"] = "application/json";
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts that a client-node call fails with a Status of `code` (and `reason` if given). */
export async function expectStatus(
  p: Promise<unknown>,
  code: number,
  reason?: string,
): Promise<Record<string, unknown>> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, "expected the call to fail").toBeInstanceOf(k8s.ApiException);
  const ex = err as k8s.ApiException<unknown>;
  expect(ex.code).toBe(code);
  const body: unknown = typeof ex.body === "string" ? JSON.parse(ex.body) : ex.body;
  if (!isRecord(body)) throw new Error("no Status body");
  expect(body.kind).toBe("Status");
  expect(body.code).toBe(code);
  if (reason !== undefined) expect(body.reason).toBe(reason);
  return body;
}

export type WatchPredicate = (type: string, obj: KObject) => boolean;

/**
 * Resolves with the first watch event (from the current state on) that satisfies `pred`. Watching from ""
 * replays the current object first, so a state reached before the call is seen too.
 */
export async function waitForEvent(
  kc: k8s.KubeConfig,
  path: string,
  name: string,
  pred: WatchPredicate,
  timeoutMs = 5000,
): Promise<KObject> {
  const watch = new k8s.Watch(kc);
  let ac: AbortController | undefined;
  let settled = false;
  return new Promise<KObject>((resolve, reject) => {
    const timer = setTimeout(() => {
      settled = true;
      ac?.abort();
      reject(new Error(`timeout waiting on ${path} ${name}`));
    }, timeoutMs);
    watch
      .watch(
        path,
        { fieldSelector: `metadata.name=${name}` },
        (type, obj: KObject) => {
          if (settled || !pred(type, obj)) return;
          settled = true;
          clearTimeout(timer);
          ac?.abort();
          resolve(obj);
        },
        () => undefined,
      )
      .then((c) => {
        ac = c;
        if (settled) c.abort();
      })
      .catch((e: unknown) => {
        clearTimeout(timer);
        reject(e);
      });
  });
}

export function status(o: KObject): Record<string, unknown> {
  return isRecord(o.status) ? o.status : {};
}

export const vmPath = (ns: string) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines`;
export const vmiPath = (ns: string) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances`;

export function printable(o: KObject): unknown {
  return status(o).printableStatus;
}

/** Waits until the VM's printableStatus equals `want`. */
export function waitVmStatus(
  t: TestSim,
  ns: string,
  name: string,
  want: string,
  timeoutMs = 5000,
): Promise<KObject> {
  return waitForEvent(t.kc, vmPath(ns), name, (_type, o) => printable(o) === want, timeoutMs);
}

export function waitVmiPhase(
  t: TestSim,
  ns: string,
  name: string,
  want: string,
  timeoutMs = 5000,
): Promise<KObject> {
  return waitForEvent(t.kc, vmiPath(ns), name, (_type, o) => status(o).phase === want, timeoutMs);
}

export function waitGone(t: TestSim, path: string, name: string, timeoutMs = 5000): Promise<KObject> {
  return waitForEvent(t.kc, path, name, (type) => type === "DELETED", timeoutMs);
}
