import * as k8s from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSim, type TestSim, VM, vmManifest } from "./test/helpers.ts";
import type { KObject } from "./types.ts";

let t: TestSim;
beforeEach(async () => {
  // The controller is slowed down so only the test's own writes produce events.
  t = await startTestSim({ stepDelayMs: 60_000 });
});
afterEach(async () => {
  await t.stop();
});

const path = "/apis/kubevirt.io/v1/namespaces/test/virtualmachines";
const create = async (name: string, labels: Record<string, string> = {}) =>
  (await t.co.createNamespacedCustomObject({
    ...VM,
    namespace: "test",
    body: vmManifest(name, { runStrategy: "Halted" }, { labels }),
  })) as KObject;
const label = (name: string, labels: Record<string, string | null>) =>
  t.co.patchNamespacedCustomObject(
    { ...VM, namespace: "test", name, body: { metadata: { labels } } },
    k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
  );

interface Ev {
  type: string;
  obj: KObject;
}

/** Opens a watch and collects events; `until` resolves once `n` events (or a done) arrived. */
async function collect(params: Record<string, string | number | boolean | undefined>) {
  const events: Ev[] = [];
  let done: unknown = "open";
  const waiters: (() => void)[] = [];
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };
  const ac = await new k8s.Watch(t.kc).watch(
    path,
    params,
    (type, obj: KObject) => {
      events.push({ type, obj });
      notify();
    },
    (err) => {
      done = err;
      notify();
    },
  );
  const until = async (pred: () => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline)
        throw new Error(`watch condition not met; events: ${events.map((e) => e.type).join(",")}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, deadline - Date.now());
        waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  };
  return { events, ac, until, isDone: () => done !== "open", doneErr: () => done };
}

describe("watch", () => {
  it("from a resourceVersion: only later events, in order, with ADDED/MODIFIED/DELETED", async () => {
    await create("before");
    const list = (await t.co.listNamespacedCustomObject({ ...VM, namespace: "test" })) as {
      metadata: { resourceVersion: string };
    };
    await create("w1");
    await label("w1", { a: "1" });
    await t.co.deleteNamespacedCustomObject({ ...VM, namespace: "test", name: "w1" });
    const w = await collect({ resourceVersion: list.metadata.resourceVersion });
    await w.until(() => w.events.length >= 3);
    expect(w.events.map((e) => `${e.type}:${e.obj.metadata.name}`)).toEqual([
      "ADDED:w1",
      "MODIFIED:w1",
      "DELETED:w1",
    ]);
    const rvs = w.events.map((e) => Number(e.obj.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    // Live events follow the replay.
    await create("w2");
    await w.until(() => w.events.some((e) => e.obj.metadata.name === "w2"));
    w.ac.abort();
  });

  it("without a resourceVersion: synthetic ADDED for the current state, then changes", async () => {
    await create("s1");
    await create("s2");
    const w = await collect({});
    await w.until(() => w.events.length >= 2);
    expect(w.events.map((e) => `${e.type}:${e.obj.metadata.name}`)).toEqual(["ADDED:s1", "ADDED:s2"]);
    await label("s1", { x: "y" });
    await w.until(() => w.events.length >= 3);
    expect(w.events[2]?.type).toBe("MODIFIED");
    w.ac.abort();
  });

  it("label-selected watch turns label changes into ADDED/DELETED", async () => {
    await create("sel");
    const w = await collect({
      labelSelector: "team=blue",
      resourceVersion: (await t.sim.client.state()).resourceVersion,
    });
    await label("sel", { team: "blue" });
    await label("sel", { team: "red" });
    await w.until(() => w.events.length >= 2);
    expect(w.events.map((e) => e.type)).toEqual(["ADDED", "DELETED"]);
    w.ac.abort();
  });

  it("periodic BOOKMARKs carry the latest resourceVersion when allowWatchBookmarks is set", async () => {
    await t.sim.client.setBookmarkInterval(25);
    const w = await collect({
      allowWatchBookmarks: true,
      resourceVersion: (await t.sim.client.state()).resourceVersion,
    });
    const created = await create("bm");
    await w.until(() =>
      w.events.some(
        (e) =>
          e.type === "BOOKMARK" &&
          Number(e.obj.metadata.resourceVersion) >= Number(created.metadata.resourceVersion),
      ),
    );
    const bm = w.events.find((e) => e.type === "BOOKMARK");
    expect(bm?.obj.kind).toBe("VirtualMachine");
    w.ac.abort();
    const nob = await collect({ resourceVersion: (await t.sim.client.state()).resourceVersion });
    await t.sim.client.sendBookmarks();
    await create("bm2");
    await nob.until(() => nob.events.length >= 1);
    expect(nob.events.map((e) => e.type)).toEqual(["ADDED"]);
    nob.ac.abort();
  });

  it("sendInitialEvents=true: current state, then the initial-events-end BOOKMARK, then changes", async () => {
    await create("i1");
    const w = await collect({
      sendInitialEvents: true,
      resourceVersionMatch: "NotOlderThan",
      allowWatchBookmarks: true,
    });
    await w.until(() => w.events.some((e) => e.type === "BOOKMARK"));
    expect(w.events[0]).toMatchObject({ type: "ADDED" });
    const end = w.events.find((e) => e.type === "BOOKMARK");
    expect(end?.obj.metadata.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
    await create("i2");
    await w.until(() => w.events.some((e) => e.obj.metadata.name === "i2"));
    w.ac.abort();
    const bad = await collect({ sendInitialEvents: true, allowWatchBookmarks: true });
    await bad.until(() => bad.isDone());
    expect((bad.doneErr() as { statusCode?: number }).statusCode).toBe(422);
  });

  it("a compacted resourceVersion gets an in-stream ERROR with a 410 Status, then the stream ends", async () => {
    const rv = (await create("old")).metadata.resourceVersion;
    await create("newer");
    await t.sim.client.compact();
    const w = await collect({ resourceVersion: rv });
    await w.until(() => w.isDone());
    expect(w.events).toHaveLength(1);
    expect(w.events[0]?.type).toBe("ERROR");
    expect(w.events[0]?.obj).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
    expect(w.doneErr()).toBeNull();
  });

  it("history is bounded: old revisions expire without an explicit compaction", async () => {
    await t.sim.client.setHistoryLimit(5);
    const rv = (await create("h0")).metadata.resourceVersion;
    for (let i = 1; i <= 20; i++) await create(`h${i}`);
    const w = await collect({ resourceVersion: rv });
    await w.until(() => w.isDone());
    expect(w.events[0]?.obj).toMatchObject({ code: 410 });
  });

  it("timeoutSeconds ends the watch cleanly", async () => {
    const w = await collect({ timeoutSeconds: 0 });
    await w.until(() => w.isDone());
    expect(w.doneErr()).toBeNull();
  });

  it("ListWatch informer from client-node relists after a 410 and keeps going", async () => {
    await create("inf-1");
    let listCalls = 0;
    const listFn = () => {
      listCalls++;
      return t.co.listNamespacedCustomObject({ ...VM, namespace: "test" }) as Promise<
        k8s.KubernetesListObject<k8s.KubernetesObject>
      >;
    };
    const informer = k8s.makeInformer(t.kc, path, listFn);
    const seen = new Set<string>();
    const waiters: (() => void)[] = [];
    const wake = () => {
      for (const w of waiters.splice(0)) w();
    };
    informer.on("add", (o) => {
      seen.add(o.metadata?.name ?? "");
      wake();
    });
    const until = async (pred: () => boolean) => {
      const deadline = Date.now() + 4000;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error("informer condition not met");
        await new Promise<void>((r) => {
          const timer = setTimeout(r, 100);
          waiters.push(() => {
            clearTimeout(timer);
            r();
          });
        });
      }
    };
    await informer.start();
    await until(() => seen.has("inf-1"));
    // In one tick: drop the watch, write and compact, so the informer re-watches from a compacted RV,
    // gets the in-stream 410 and must relist to see inf-2.
    const lists = listCalls;
    const c = t.sim.cluster;
    c.hub.dropAll();
    const vmType = c.registry.get("kubevirt.io", "virtualmachines");
    if (!vmType) throw new Error("no VM type");
    c.objects.create(vmType, "v1", "test", vmManifest("inf-2"));
    c.store.compact();
    await until(() => seen.has("inf-2") && listCalls > lists);
    await informer.stop();
    expect(seen).toEqual(new Set(["inf-1", "inf-2"]));
  });
});
