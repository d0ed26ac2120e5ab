import * as k8s from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { expectStatus, raw, startTestSimForFile, VM, vmManifest, waitVmStatus } from "./test/helpers.ts";
import { isRecord, type KObject } from "./types.ts";

const t = startTestSimForFile();

const ns = "test";
const getVm = (name: string) =>
  t.co.getNamespacedCustomObject({ ...VM, namespace: ns, name }) as Promise<KObject>;

describe("discovery and health", () => {
  it("serves /version, /api, /apis and group resource lists like an apiserver", async () => {
    const v = await raw(t.sim, "GET", "/version", undefined, {}, "");
    expect(v.status).toBe(200);
    expect((v.json as { gitVersion: string }).gitVersion).toMatch(/^v1\./);
    expect((await raw(t.sim, "GET", "/healthz", undefined, {}, "")).text).toBe("ok");
    expect((await raw(t.sim, "GET", "/readyz", undefined, {}, "")).status).toBe(200);
    const apis = (await raw(t.sim, "GET", "/apis")).json as {
      groups: { name: string; preferredVersion: { version: string } }[];
    };
    const names = apis.groups.map((g) => g.name);
    for (const g of [
      "kubevirt.io",
      "snapshot.kubevirt.io",
      "clone.kubevirt.io",
      "instancetype.kubevirt.io",
      "k8s.cni.cncf.io",
      "subresources.kubevirt.io",
      "storage.k8s.io",
      "apiextensions.k8s.io",
      "apiregistration.k8s.io",
    ]) {
      expect(names).toContain(g);
    }
    expect(apis.groups.find((g) => g.name === "clone.kubevirt.io")?.preferredVersion.version).toBe("v1beta1");
    const kv = (await raw(t.sim, "GET", "/apis/kubevirt.io/v1")).json as {
      resources: {
        name: string;
        namespaced: boolean;
        kind: string;
        shortNames?: string[];
        verbs: string[];
      }[];
    };
    const vm = kv.resources.find((r) => r.name === "virtualmachines");
    expect(vm).toMatchObject({ namespaced: true, kind: "VirtualMachine", shortNames: ["vm", "vms"] });
    expect(vm?.verbs).toContain("watch");
    expect(kv.resources.map((r) => r.name)).toContain("virtualmachines/status");
    const core = (await raw(t.sim, "GET", "/api/v1")).json as {
      resources: { name: string; namespaced: boolean }[];
    };
    expect(core.resources.find((r) => r.name === "nodes")?.namespaced).toBe(false);
    expect((await raw(t.sim, "GET", "/api")).json).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
    expect((await raw(t.sim, "GET", "/apis/nope.io/v1")).status).toBe(404);
  });

  it("serves OpenAPI v2 and v3 with the KubeVirt kinds", async () => {
    const v2 = (await raw(t.sim, "GET", "/openapi/v2")).json as { definitions: Record<string, unknown> };
    expect(Object.keys(v2.definitions)).toContain("io.kubevirt.v1.VirtualMachine");
    const v3 = (await raw(t.sim, "GET", "/openapi/v3")).json as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    const url = v3.paths["apis/kubevirt.io/v1"]?.serverRelativeURL ?? "";
    expect(url).toMatch(/^\/openapi\/v3\/apis\/kubevirt.io\/v1\?hash=/);
    const doc = (await raw(t.sim, "GET", url)).json as {
      components: { schemas: Record<string, { "x-kubernetes-group-version-kind": unknown }> };
    };
    expect(
      doc.components.schemas["io.kubevirt.v1.VirtualMachine"]?.["x-kubernetes-group-version-kind"],
    ).toEqual([{ group: "kubevirt.io", version: "v1", kind: "VirtualMachine" }]);
  });

  it("answers Table requests with KubeVirt's printer columns", async () => {
    await t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest("table-vm") });
    const res = await raw(t.sim, "GET", `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines`, undefined, {
      Accept: "application/json;as=Table;g=meta.k8s.io;v=v1",
    });
    const table = res.json as {
      kind: string;
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[] }[];
    };
    expect(table.kind).toBe("Table");
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Age", "Status", "Ready"]);
    const row = table.rows.find((r) => r.cells[0] === "table-vm");
    expect(row?.cells[2]).toBe("Stopped");
    expect(row?.cells[3]).toBe("False");
  });
});

describe("CRUD", () => {
  it("creates, reads, replaces and deletes a VM; generation and resourceVersion move", async () => {
    const created = (await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest("crud-1"),
    })) as KObject;
    expect(created.metadata.uid).toBeTruthy();
    expect(created.metadata.generation).toBe(1);
    // Let the controller add its finalizer and status first (it writes too, as virt-controller does).
    await waitVmStatus(t, ns, "crud-1", "Stopped");
    const got = await getVm("crud-1");
    expect(got.metadata.name).toBe("crud-1");
    const changed = {
      ...got,
      metadata: { ...got.metadata, labels: { a: "b" } },
      spec: { ...(got.spec as object), runStrategy: "Manual" },
    };
    const replaced = (await t.co.replaceNamespacedCustomObject({
      ...VM,
      namespace: ns,
      name: "crud-1",
      body: changed,
    })) as KObject;
    expect(replaced.metadata.generation).toBe(2);
    expect(Number(replaced.metadata.resourceVersion)).toBeGreaterThan(Number(got.metadata.resourceVersion));
    await t.co.deleteNamespacedCustomObject({ ...VM, namespace: ns, name: "crud-1" });
    // The controller's finalizer may keep it briefly; it must go away.
    await expect
      .poll(
        async () => {
          try {
            await getVm("crud-1");
            return "present";
          } catch {
            return "gone";
          }
        },
        { timeout: 5000, interval: 20 },
      )
      .toBe("gone");
    await expectStatus(getVm("crud-1"), 404, "NotFound");
  });

  it("409 AlreadyExists, generateName, 404 for a missing namespace, 422 for a missing name", async () => {
    await t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest("dup") });
    const st = await expectStatus(
      t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest("dup") }),
      409,
      "AlreadyExists",
    );
    expect(st.message).toBe('virtualmachines.kubevirt.io "dup" already exists');
    const gen = (await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: { ...vmManifest(""), metadata: { generateName: "gen-" } },
    })) as KObject;
    expect(gen.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    await expectStatus(
      t.co.createNamespacedCustomObject({ ...VM, namespace: "nowhere", body: vmManifest("x") }),
      404,
      "NotFound",
    );
    const inv = await expectStatus(
      t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: { ...vmManifest(""), metadata: {} } }),
      422,
      "Invalid",
    );
    expect(JSON.stringify(inv.details)).toContain("metadata.name");
  });

  it("409 Conflict on an update with a stale resourceVersion", async () => {
    await t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest("stale") });
    const v1 = await getVm("stale");
    await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: "stale", body: { metadata: { labels: { x: "1" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    const st = await expectStatus(
      t.co.replaceNamespacedCustomObject({
        ...VM,
        namespace: ns,
        name: "stale",
        body: { ...v1, metadata: { ...v1.metadata, labels: { x: "2" } } },
      }),
      409,
      "Conflict",
    );
    expect(st.message).toContain(
      "the object has been modified; please apply your changes to the latest version and try again",
    );
  });

  it("JSON patch (with test op) and merge patch", async () => {
    await t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest("patchy") });
    const jp = (await t.co.patchNamespacedCustomObject(
      {
        ...VM,
        namespace: ns,
        name: "patchy",
        body: [
          { op: "test", path: "/spec/runStrategy", value: "Halted" },
          { op: "replace", path: "/spec/runStrategy", value: "Manual" },
        ],
      },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch),
    )) as KObject;
    expect((jp.spec as { runStrategy: string }).runStrategy).toBe("Manual");
    await expectStatus(
      t.co.patchNamespacedCustomObject(
        {
          ...VM,
          namespace: ns,
          name: "patchy",
          body: [{ op: "test", path: "/spec/runStrategy", value: "Halted" }],
        },
        k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch),
      ),
      422,
    );
    const mp = (await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: "patchy", body: { metadata: { labels: { tier: "gold" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    )) as KObject;
    expect(mp.metadata.labels).toMatchObject({ tier: "gold" });
    const smp = (await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: "patchy", body: { metadata: { labels: { tier: null } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.StrategicMergePatch),
    )) as KObject;
    expect(smp.metadata.labels?.tier).toBeUndefined();
  });

  it("dryRun=All validates without persisting on create, patch and delete", async () => {
    const dry = (await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest("dry"),
      dryRun: "All",
    })) as KObject;
    expect(dry.metadata.name).toBe("dry");
    await expectStatus(getVm("dry"), 404, "NotFound");
    await expectStatus(
      t.co.createNamespacedCustomObject({
        ...VM,
        namespace: ns,
        body: vmManifest("dry", { runStrategy: "Always", running: true }),
        dryRun: "All",
      }),
      422,
      "Invalid",
    );
    await t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest("dry2") });
    await waitVmStatus(t, ns, "dry2", "Stopped");
    const before = await getVm("dry2");
    const patched = (await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: "dry2", body: { metadata: { labels: { dry: "yes" } } }, dryRun: "All" },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    )) as KObject;
    expect(patched.metadata.labels?.dry).toBe("yes");
    const after = await getVm("dry2");
    expect(after.metadata.labels?.dry).toBeUndefined();
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    await t.co.deleteNamespacedCustomObject({ ...VM, namespace: ns, name: "dry2", dryRun: "All" });
    expect((await getVm("dry2")).metadata.deletionTimestamp).toBeUndefined();
  });

  it("status subresource: the main endpoint ignores status, /status changes only status", async () => {
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: { ...vmManifest("stat"), status: { printableStatus: "Bogus" } },
    });
    const got = await getVm("stat");
    expect((got.status as { printableStatus?: string } | undefined)?.printableStatus).not.toBe("Bogus");
    const res = await raw(
      t.sim,
      "PATCH",
      `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/stat/status`,
      { status: { custom: 1 }, spec: { runStrategy: "Always" } },
      { "Content-Type": "application/merge-patch+json" },
    );
    expect(res.status).toBe(200);
    const after = res.json as KObject;
    expect((after.status as { custom: number }).custom).toBe(1);
    expect((after.spec as { runStrategy: string }).runStrategy).toBe("Halted");
  });

  it("server-side apply records managedFields, refuses conflicts without force and takes over with force", async () => {
    const obj = (name: string, rs: string): k8s.KubernetesObject => ({
      ...vmManifest(name, { runStrategy: rs }),
      metadata: { name, namespace: ns },
    });
    const a = await t.objs.patch(
      obj("ssa", "Halted"),
      undefined,
      undefined,
      "alice",
      false,
      k8s.PatchStrategy.ServerSideApply,
    );
    expect(a.metadata?.managedFields?.map((m) => [m.manager, m.operation])).toEqual([["alice", "Apply"]]);
    const err = await expectStatus(
      t.objs.patch(
        obj("ssa", "Manual"),
        undefined,
        undefined,
        "bob",
        false,
        k8s.PatchStrategy.ServerSideApply,
      ),
      409,
      "Conflict",
    );
    expect(err.message).toContain('conflict with "alice"');
    expect(JSON.stringify(err.details)).toContain(".spec.runStrategy");
    const forced = await t.objs.patch(
      obj("ssa", "Manual"),
      undefined,
      undefined,
      "bob",
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
    expect((forced as KObject & { spec: { runStrategy: string } }).spec.runStrategy).toBe("Manual");
    const managers = forced.metadata?.managedFields?.map((m) => m.manager);
    expect(managers).toContain("bob");
    // Same value from a second manager is shared ownership, not a conflict.
    await t.objs.patch(
      obj("ssa", "Manual"),
      undefined,
      undefined,
      "carol",
      false,
      k8s.PatchStrategy.ServerSideApply,
    );
    const missing = await raw(
      t.sim,
      "PATCH",
      `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/ssa`,
      "{}",
      { "Content-Type": "application/apply-patch+yaml" },
    );
    expect(missing.status).toBe(422);
  });
});

describe("list: selectors, pagination, resourceVersion semantics", () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      await t.co.createNamespacedCustomObject({
        ...VM,
        namespace: "default",
        body: vmManifest(
          `page-${String(i).padStart(2, "0")}`,
          { runStrategy: "Halted" },
          { labels: { env: i % 3 === 0 ? "prod" : i % 3 === 1 ? "dev" : "qa", idx: String(i) } },
        ),
      });
    }
  });

  const list = (opts: Record<string, unknown>) =>
    t.co.listNamespacedCustomObject({ ...VM, namespace: "default", ...opts }) as Promise<{
      metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
      items: KObject[];
    }>;

  it("label selectors: equality and set-based", async () => {
    expect((await list({ labelSelector: "env=prod" })).items).toHaveLength(4);
    expect((await list({ labelSelector: "env!=prod" })).items).toHaveLength(8);
    expect((await list({ labelSelector: "env in (dev,qa)" })).items).toHaveLength(8);
    expect((await list({ labelSelector: "env notin (dev,qa),idx" })).items).toHaveLength(4);
    expect((await list({ labelSelector: "!env" })).items).toHaveLength(0);
    expect(
      (await list({ labelSelector: "env=prod,idx in (0,3)" })).items.map((o) => o.metadata.name),
    ).toEqual(["page-00", "page-03"]);
    await expectStatus(list({ labelSelector: "env in (" }), 400, "BadRequest");
  });

  it("field selectors: metadata.name and metadata.namespace; others are 400", async () => {
    expect(
      (await list({ fieldSelector: "metadata.name=page-05" })).items.map((o) => o.metadata.name),
    ).toEqual(["page-05"]);
    expect((await list({ fieldSelector: "metadata.name!=page-05" })).items).toHaveLength(11);
    const all = (await t.co.listClusterCustomObject({
      ...VM,
      fieldSelector: "metadata.namespace=default",
    })) as { items: KObject[] };
    expect(all.items.every((o) => o.metadata.namespace === "default")).toBe(true);
    await expectStatus(list({ fieldSelector: "spec.runStrategy=Halted" }), 400, "BadRequest");
  });

  it("limit/continue pages through a consistent snapshot with remainingItemCount", async () => {
    const first = await list({ limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.metadata.remainingItemCount).toBe(7);
    // A write between pages must not show up in the continued (snapshot) list.
    await t.co.createNamespacedCustomObject({ ...VM, namespace: "default", body: vmManifest("page-99") });
    const second = await list({ limit: 5, _continue: first.metadata.continue });
    const third = await list({ limit: 5, _continue: second.metadata.continue });
    expect(third.metadata.continue).toBeFalsy();
    const names = [...first.items, ...second.items, ...third.items].map((o) => o.metadata.name);
    expect(names).toHaveLength(12);
    expect(names).not.toContain("page-99");
    expect(new Set(names).size).toBe(12);
    await t.co.deleteNamespacedCustomObject({ ...VM, namespace: "default", name: "page-99" });
  });

  it("410 Expired for a continue token older than the history window", async () => {
    const first = await list({ limit: 2 });
    await t.co.createNamespacedCustomObject({ ...VM, namespace: "default", body: vmManifest("after-token") });
    await t.sim.client.compact();
    const st = await expectStatus(list({ limit: 2, _continue: first.metadata.continue }), 410, "Expired");
    expect(st.message).toContain("continue parameter is too old");
  });

  it("resourceVersion: Exact serves the past, too-old is 410, too-large is 504, NotOlderThan serves now", async () => {
    const before = await list({});
    await t.co.createNamespacedCustomObject({ ...VM, namespace: "default", body: vmManifest("later") });
    const exact = await list({
      resourceVersion: before.metadata.resourceVersion,
      resourceVersionMatch: "Exact",
    });
    expect(exact.items.map((o) => o.metadata.name)).not.toContain("later");
    expect(exact.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    const newer = await list({
      resourceVersion: before.metadata.resourceVersion,
      resourceVersionMatch: "NotOlderThan",
    });
    expect(newer.items.map((o) => o.metadata.name)).toContain("later");
    expect((await list({ resourceVersion: "0" })).items.map((o) => o.metadata.name)).toContain("later");
    await t.sim.client.compact();
    await expectStatus(
      list({ resourceVersion: before.metadata.resourceVersion, resourceVersionMatch: "Exact" }),
      410,
      "Expired",
    );
    const tooLarge = String(Number(before.metadata.resourceVersion) + 1_000_000);
    await expectStatus(list({ resourceVersion: tooLarge }), 504, "Timeout");
    await expectStatus(list({ resourceVersionMatch: "Exact" }), 422, "Invalid");
  });
});

describe("deletecollection and watch=1", () => {
  it("DELETE on a collection removes the selected objects; ?watch=1 streams", async () => {
    await t.core.createNamespace({ body: { metadata: { name: "coll" } } });
    for (const n of ["c1", "c2", "c3"]) {
      await t.co.createNamespacedCustomObject({
        group: "k8s.cni.cncf.io",
        version: "v1",
        plural: "network-attachment-definitions",
        namespace: "coll",
        body: {
          apiVersion: "k8s.cni.cncf.io/v1",
          kind: "NetworkAttachmentDefinition",
          metadata: { name: n, labels: { drop: n === "c3" ? "no" : "yes" } },
          spec: { config: "{}" },
        },
      });
    }
    const r = await raw(
      t.sim,
      "DELETE",
      "/apis/k8s.cni.cncf.io/v1/namespaces/coll/network-attachment-definitions?labelSelector=drop%3Dyes",
    );
    expect(r.status).toBe(200);
    expect((r.json as { items: KObject[] }).items.map((o) => o.metadata.name)).toEqual(["c1", "c2"]);
    const left = (await t.co.listNamespacedCustomObject({
      group: "k8s.cni.cncf.io",
      version: "v1",
      plural: "network-attachment-definitions",
      namespace: "coll",
    })) as { items: KObject[] };
    expect(left.items.map((o) => o.metadata.name)).toEqual(["c3"]);
    const w = await raw(
      t.sim,
      "GET",
      "/apis/k8s.cni.cncf.io/v1/namespaces/coll/network-attachment-definitions?watch=1&timeoutSeconds=0",
    );
    expect(
      w.text
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { type: string }).type),
    ).toEqual(["ADDED"]);
  });
});

describe("errors are Status objects", () => {
  it("405 for an unsupported method, 415 for an unknown patch type, 404 for unknown paths", async () => {
    const r = await raw(t.sim, "POST", `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/some-name`, {});
    expect(r.status).toBe(405);
    expect(r.json).toMatchObject({ kind: "Status", reason: "MethodNotAllowed", code: 405 });
    const p = await raw(t.sim, "PATCH", `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/x`, "{}", {
      "Content-Type": "text/plain",
    });
    expect(p.status).toBe(415);
    const nf = await raw(t.sim, "GET", "/apis/kubevirt.io/v1/namespaces/test/unknowns");
    expect(nf.status).toBe(404);
    expect(isRecord(nf.json) && nf.json.reason).toBe("NotFound");
  });
});
