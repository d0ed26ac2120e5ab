// kubectl compatibility without kubectl: the requests kubectl v1.33 makes for the everyday flow (recorded
// with `kubectl -v=8` against kubesim: paths, queries, Accept/Content-Type headers and body shapes) are
// replayed over real HTTP, and the answers are checked for what kubectl needs from them.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseArgs, plainHttpAuthNote } from "./cli.ts";
import { startKubeSim } from "./simulator.ts";
import { raw, startTestSimForFile, vmManifest, waitVmStatus } from "./test/helpers.ts";
import { isRecord, type KObject } from "./types.ts";

const UA = "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0";
/** Discovery: aggregated (v2, v2beta1) first, legacy JSON as the fallback. */
const ACCEPT_DISCOVERY =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
/** `kubectl get` (list, get and -w). */
const ACCEPT_TABLE =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
/** discovery.OpenAPISchema(): protobuf only. */
const ACCEPT_OPENAPI_V2 = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

const ns = "test";
const vmsPath = `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines`;
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

const t = startTestSimForFile();

const kubectl = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  raw(t.sim, method, path, body, { "User-Agent": UA, Accept: "application/json", ...headers });

/** The manifest of the report: runStrategy Halted, a containerDisk volume and 64Mi of memory. */
function manifest(name: string, labels: Record<string, string> = { app: "kt" }): KObject {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, namespace: ns, labels },
    spec: {
      runStrategy: "Halted",
      template: {
        metadata: { labels: { "kubevirt.io/domain": name } },
        spec: {
          domain: {
            devices: { disks: [{ name: "containerdisk", disk: { bus: "virtio" } }] },
            resources: { requests: { memory: "64Mi" } },
          },
          volumes: [
            {
              name: "containerdisk",
              containerDisk: { image: "quay.io/kubevirt/cirros-container-disk-demo" },
            },
          ],
        },
      },
    },
  };
}

/** What `kubectl apply` (client-side) creates: the manifest plus the last-applied annotation. */
function withLastApplied(m: KObject): KObject {
  return {
    ...m,
    metadata: { ...m.metadata, annotations: { [LAST_APPLIED]: `${JSON.stringify(m)}\n` } },
  };
}

function managers(o: KObject): string[] {
  return (o.metadata.managedFields ?? []).map((e) => `${String(e.manager)}/${String(e.operation)}`).sort();
}

interface V3Doc {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

async function v3Url(gv: string): Promise<string> {
  const index = await kubectl("GET", "/openapi/v3?timeout=32s", undefined, {
    Accept: "application/json, */*",
  });
  const paths = (index.json as { paths: Record<string, { serverRelativeURL: string }> }).paths;
  const url = paths[gv]?.serverRelativeURL;
  if (!url) throw new Error(`no ${gv} in the openapi v3 index`);
  return url;
}

describe("kubectl: OpenAPI download and content negotiation", () => {
  it("answers kubectl's protobuf-only /openapi/v2 request with 406 and a Status, never with JSON as 200", async () => {
    const r = await kubectl("GET", "/openapi/v2?timeout=32s", undefined, { Accept: ACCEPT_OPENAPI_V2 });
    expect(r.status).toBe(406);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.json).toMatchObject({ kind: "Status", status: "Failure", reason: "NotAcceptable", code: 406 });
    // JSON stays available to clients that accept it.
    const j = await kubectl("GET", "/openapi/v2", undefined, { Accept: "application/json" });
    expect(j.status).toBe(200);
    expect(j.json).toMatchObject({ swagger: "2.0" });
    expect((await raw(t.sim, "GET", "/openapi/v2")).status).toBe(200);
    expect((await kubectl("GET", "/openapi/v2", undefined, { Accept: "*/*" })).status).toBe(200);
  });

  it("lists every group-version in the v3 index with a content hash that the document answers to", async () => {
    const index = await kubectl("GET", "/openapi/v3?timeout=32s", undefined, {
      Accept: "application/json, */*",
    });
    expect(index.status).toBe(200);
    const paths = (index.json as { paths: Record<string, { serverRelativeURL: string }> }).paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(["api/v1", "apis/kubevirt.io/v1"]));
    for (const [gv, { serverRelativeURL }] of Object.entries(paths))
      expect(serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${gv}\\?hash=[0-9A-F]{128}$`));

    const url = paths["apis/kubevirt.io/v1"]?.serverRelativeURL ?? "";
    const doc = await kubectl("GET", `${url}&timeout=32s`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get("content-type")).toBe("application/json");
    const hash = url.split("hash=")[1] ?? "";
    // The hash is the document's (so kubectl's HTTP cache is invalidated when a CRD changes).
    expect(createHash("sha512").update(doc.text).digest("hex").toUpperCase()).toBe(hash);
    expect(doc.headers.get("etag")).toBe(`"${hash}"`);
    expect(doc.headers.get("cache-control")).toBe("public, immutable");
  });

  it("redirects a stale hash, answers If-None-Match with 304 and refuses protobuf-only v3 requests", async () => {
    const url = await v3Url("apis/kubevirt.io/v1");
    const hash = url.split("hash=")[1] ?? "";
    const stale = await fetch(`${t.sim.url}/openapi/v3/apis/kubevirt.io/v1?hash=0123`, {
      headers: { Authorization: `Bearer ${t.sim.adminToken}`, Accept: "application/json" },
      redirect: "manual",
    });
    expect(stale.status).toBe(301);
    expect(stale.headers.get("location")).toBe(url);
    const cached = await kubectl("GET", url, undefined, { "If-None-Match": `"${hash}"` });
    expect(cached.status).toBe(304);
    const pb = await kubectl("GET", url, undefined, {
      Accept: "application/com.github.proto-openapi.spec.v3@v1.0+protobuf",
    });
    expect(pb.status).toBe(406);
    expect((await kubectl("GET", "/openapi/v3/apis/nope.io/v1")).status).toBe(404);
  });

  it("declares fieldValidation on the VM PATCH operation (QueryParamVerifierV3), so kubectl never needs v2", async () => {
    const doc = (await kubectl("GET", await v3Url("apis/kubevirt.io/v1"))).json as V3Doc;
    // kubectl's supportsQueryParamV3: a PATCH whose x-kubernetes-group-version-kind is the kind, with the
    // query parameter inline.
    const patchOps = Object.values(doc.paths)
      .map((p) => p.patch)
      .filter(isRecord)
      .filter((op) => {
        const gvk = op["x-kubernetes-group-version-kind"];
        return (
          isRecord(gvk) &&
          gvk.kind === "VirtualMachine" &&
          gvk.group === "kubevirt.io" &&
          gvk.version === "v1"
        );
      });
    expect(patchOps.length).toBeGreaterThan(0);
    const first = patchOps[0] ?? {};
    const params = (first.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
    expect(params).toEqual(
      expect.arrayContaining(["query:fieldValidation", "query:fieldManager", "query:force"]),
    );
    // CRD PATCH bodies admit no strategic merge patch: kubectl's client-side apply then sends a JSON merge patch.
    const content = Object.keys((first.requestBody as { content: Record<string, unknown> }).content);
    expect(content).toContain("application/merge-patch+json");
    expect(content).toContain("application/apply-patch+yaml");
    expect(content).not.toContain("application/strategic-merge-patch+json");
    const item = doc.paths["/apis/kubevirt.io/v1/namespaces/{namespace}/virtualmachines/{name}"];
    expect(Object.keys(item ?? {})).toEqual(
      expect.arrayContaining(["get", "put", "patch", "delete", "parameters"]),
    );
  });

  it("carries the schema `kubectl explain virtualmachine.spec` walks", async () => {
    const doc = (await kubectl("GET", await v3Url("apis/kubevirt.io/v1"))).json as V3Doc;
    const vm = Object.values(doc.components.schemas).find((s) =>
      (s["x-kubernetes-group-version-kind"] as { kind: string }[] | undefined)?.some(
        (g) => g.kind === "VirtualMachine",
      ),
    );
    const spec = ((vm?.properties ?? {}) as Record<string, Record<string, unknown>>).spec ?? {};
    expect(spec.type).toBe("object");
    expect(Object.keys(spec.properties as object)).toEqual(
      expect.arrayContaining(["runStrategy", "template"]),
    );
  });

  it("answers 406 to API requests that admit no JSON, and JSON when JSON is among the types", async () => {
    const pb = await kubectl("GET", vmsPath, undefined, { Accept: "application/vnd.kubernetes.protobuf" });
    expect(pb.status).toBe(406);
    expect(pb.json).toMatchObject({ kind: "Status", reason: "NotAcceptable" });
    const both = await kubectl("GET", vmsPath, undefined, {
      Accept: "application/vnd.kubernetes.protobuf, application/json",
    });
    expect(both.status).toBe(200);
    expect(both.json).toMatchObject({ kind: "VirtualMachineList" });
  });
});

describe("kubectl: discovery and get", () => {
  it("serves legacy discovery to kubectl's aggregated-first Accept", async () => {
    for (const path of ["/api?timeout=32s", "/apis?timeout=32s"]) {
      const r = await kubectl("GET", path, undefined, { Accept: ACCEPT_DISCOVERY });
      expect(r.status).toBe(200);
      // client-go picks the decoder by Content-Type: plain JSON = legacy APIVersions/APIGroupList.
      expect(r.headers.get("content-type")).toBe("application/json");
    }
    const groups = (await kubectl("GET", "/apis", undefined, { Accept: ACCEPT_DISCOVERY })).json as {
      kind: string;
      groups: { name: string }[];
    };
    expect(groups.kind).toBe("APIGroupList");
    // api-resources walks every group-version of /apis.
    const kv = (
      await kubectl("GET", "/apis/kubevirt.io/v1?timeout=32s", undefined, {
        Accept: "application/json, */*",
      })
    ).json as { resources: { name: string; shortNames?: string[] }[] };
    expect(kv.resources.find((r) => r.name === "virtualmachines")?.shortNames).toContain("vm");
  });

  it("answers `get vms -A` and `get vmi -o wide` with Tables (AGE/STATUS/READY, IP/NODENAME, priority-1 columns)", async () => {
    await kubectl("POST", vmsPath, vmManifest("table-vm", { runStrategy: "Always" }));
    await waitVmStatus(t, ns, "table-vm", "Running");
    const vms = await kubectl("GET", "/apis/kubevirt.io/v1/virtualmachines?limit=500", undefined, {
      Accept: ACCEPT_TABLE,
    });
    expect(vms.status).toBe(200);
    const table = vms.json as {
      kind: string;
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[]; object: KObject }[];
    };
    expect(table.kind).toBe("Table");
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Age", "Status", "Ready"]);
    const row = table.rows.find((r) => r.cells[0] === "table-vm");
    expect(row?.cells.slice(2)).toEqual(["Running", "True"]);
    expect(row?.object.metadata.namespace).toBe(ns);

    const vmis = (
      await kubectl(
        "GET",
        `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances?limit=500`,
        undefined,
        {
          Accept: ACCEPT_TABLE,
        },
      )
    ).json as { columnDefinitions: { name: string; priority: number }[]; rows: { cells: unknown[] }[] };
    const cols = vmis.columnDefinitions;
    expect(cols.map((c) => c.name)).toEqual(expect.arrayContaining(["Phase", "IP", "NodeName", "Ready"]));
    expect(cols.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(["Live-Migratable", "Paused"]);
    const vmiRow = vmis.rows.find((r) => r.cells[0] === "table-vm");
    expect(vmiRow?.cells[cols.findIndex((c) => c.name === "Phase")]).toBe("Running");
    expect(vmiRow?.cells[cols.findIndex((c) => c.name === "IP")]).toMatch(/^10\.244\./);
  });

  it("streams one-row Tables to `get vm X -w`", async () => {
    await kubectl("POST", vmsPath, manifest("watched"));
    const ac = new AbortController();
    const res = await fetch(
      `${t.sim.url}${vmsPath}?fieldSelector=metadata.name%3Dwatched&resourceVersion=0&watch=true`,
      {
        headers: { Authorization: `Bearer ${t.sim.adminToken}`, Accept: ACCEPT_TABLE, "User-Agent": UA },
        signal: ac.signal,
      },
    );
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buf = "";
    const events: { type: string; object: Record<string, unknown> }[] = [];
    const next = async () => {
      while (!buf.includes("\n")) {
        const { value, done } = await reader.read();
        if (done) throw new Error("watch ended");
        buf += decoder.decode(value, { stream: true });
      }
      const i = buf.indexOf("\n");
      const ev = JSON.parse(buf.slice(0, i)) as { type: string; object: Record<string, unknown> };
      buf = buf.slice(i + 1);
      events.push(ev);
      return ev;
    };
    try {
      const added = await next();
      expect(added.type).toBe("ADDED");
      expect(added.object.kind).toBe("Table");
      expect((added.object.rows as { cells: unknown[] }[])[0]?.cells[0]).toBe("watched");
      expect((added.object.columnDefinitions as { name: string }[]).map((c) => c.name)).toContain("Status");
      await kubectl(
        "PATCH",
        `${vmsPath}/watched`,
        { metadata: { labels: { touched: "yes" } } },
        {
          "Content-Type": "application/merge-patch+json",
        },
      );
      // The controller's status updates come as MODIFIED Tables too; wait for the patch's.
      let touched: KObject | undefined;
      for (let i = 0; i < 20 && !touched; i++) {
        const ev = await next();
        expect(ev.type).toBe("MODIFIED");
        expect(ev.object.kind).toBe("Table");
        const obj = (ev.object.rows as { object: KObject }[])[0]?.object;
        expect(obj?.kind).toBe("PartialObjectMetadata");
        if (obj?.metadata.labels?.touched === "yes") touched = obj;
      }
      expect(touched?.metadata.name).toBe("watched");
    } finally {
      ac.abort();
    }
  });
});

describe("kubectl: apply, patch and delete", () => {
  it("client-side apply: 404 → create with the annotation → merge patch of the annotation and the change", async () => {
    const m = manifest("csa");
    expect((await kubectl("GET", `${vmsPath}/csa`)).status).toBe(404);
    const created = await kubectl(
      "POST",
      `${vmsPath}?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`,
      withLastApplied(m),
    );
    expect(created.status).toBe(201);
    const obj = created.json as KObject;
    expect(obj.metadata.annotations?.[LAST_APPLIED]).toContain('"runStrategy":"Halted"');
    expect(managers(obj)).toEqual(["kubectl-client-side-apply/Update"]);

    // Second apply with a changed label: kubectl computes a three-way JSON merge patch (CRDs have no
    // strategic-merge metadata) carrying the new annotation and the change.
    const m2 = manifest("csa", { app: "kt2" });
    const patch = {
      metadata: { annotations: { [LAST_APPLIED]: `${JSON.stringify(m2)}\n` }, labels: { app: "kt2" } },
    };
    const patched = await kubectl(
      "PATCH",
      `${vmsPath}/csa?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`,
      patch,
      { "Content-Type": "application/merge-patch+json" },
    );
    expect(patched.status).toBe(200);
    const p = patched.json as KObject;
    expect(p.metadata.labels?.app).toBe("kt2");
    expect(JSON.parse(p.metadata.annotations?.[LAST_APPLIED] ?? "{}")).toEqual(m2);
    expect(p.spec).toEqual(m.spec);

    const bad = await kubectl("POST", `${vmsPath}?fieldValidation=Bogus`, manifest("bad-fv"));
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({
      reason: "Invalid",
      details: { causes: [{ field: "fieldValidation" }] },
    });
  });

  it("server-side apply after client-side apply: conflict, force, last-applied apply and managedFields migration", async () => {
    const csa = withLastApplied(manifest("ssa", { app: "kt2" }));
    await kubectl("POST", `${vmsPath}?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`, csa);
    const m = manifest("ssa");
    const apply = (manager: string, body: unknown, force?: boolean) =>
      kubectl(
        "PATCH",
        `${vmsPath}/ssa?fieldManager=${manager}&fieldValidation=Strict${force === undefined ? "" : `&force=${force}`}`,
        JSON.stringify(body),
        { "Content-Type": "application/apply-patch+yaml" },
      );
    const conflict = await apply("kubectl", m, false);
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ reason: "Conflict" });
    expect(JSON.stringify(conflict.json)).toContain("kubectl-client-side-apply");

    const forced = await apply("kubectl", m, true);
    expect(forced.status).toBe(200);
    expect((forced.json as KObject).metadata.labels?.app).toBe("kt");

    // kubectl claims the existing last-applied annotation (same value, so no conflict) with a separate apply…
    const la = await apply("kubectl-last-applied", {
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachine",
      metadata: {
        name: "ssa",
        namespace: ns,
        annotations: { [LAST_APPLIED]: csa.metadata.annotations?.[LAST_APPLIED] },
      },
    });
    expect(la.status).toBe(200);
    const live = la.json as KObject;
    expect(managers(live)).toContain("kubectl-client-side-apply/Update");

    // …then migrates client-side-apply ownership (csaupgrade): a JSON patch replacing managedFields, with
    // the resourceVersion it read as a precondition.
    const migrated = (live.metadata.managedFields ?? [])
      .filter((e) => e.manager !== "kubectl-client-side-apply")
      .map((e) => ({ ...e, time: "2026-01-01T00:00:00Z" }));
    const jsonPatch = (rv: string) => [
      { op: "replace", path: "/metadata/managedFields", value: migrated },
      { op: "replace", path: "/metadata/resourceVersion", value: rv },
    ];
    const stale = await kubectl(
      "PATCH",
      `${vmsPath}/ssa?fieldManager=kubectl&fieldValidation=Strict`,
      jsonPatch("1"),
      {
        "Content-Type": "application/json-patch+json",
      },
    );
    expect(stale.status).toBe(409);
    const ok = await kubectl(
      "PATCH",
      `${vmsPath}/ssa?fieldManager=kubectl&fieldValidation=Strict`,
      jsonPatch(live.metadata.resourceVersion ?? ""),
      { "Content-Type": "application/json-patch+json" },
    );
    expect(ok.status).toBe(200);
    expect(managers(ok.json as KObject)).toEqual(["kubectl-last-applied/Apply", "kubectl/Apply"]);

    // A later apply without --force-conflicts no longer conflicts.
    expect((await apply("kubectl", m, false)).status).toBe(200);
  });

  it("starts a VM without virtctl (merge patch of runStrategy), then deletes it the way kubectl does", async () => {
    await kubectl("POST", vmsPath, manifest("starter"));
    await waitVmStatus(t, ns, "starter", "Stopped");
    const r = await kubectl(
      "PATCH",
      `${vmsPath}/starter?fieldManager=kubectl-patch`,
      { spec: { runStrategy: "Always" } },
      {
        "Content-Type": "application/merge-patch+json",
      },
    );
    expect(r.status).toBe(200);
    await waitVmStatus(t, ns, "starter", "Running");
    const yaml = await kubectl("GET", `${vmsPath}/starter`);
    expect((yaml.json as KObject).spec).toMatchObject({ runStrategy: "Always" });

    const del = await kubectl("DELETE", `${vmsPath}/starter`, { propagationPolicy: "Background" });
    expect(del.status).toBe(200);
    // kubectl delete --wait: GET, then list+watch by name until DELETED; in the end the VM is gone.
    await expect
      .poll(async () => (await kubectl("GET", `${vmsPath}/starter`)).status, { timeout: 5000, interval: 20 })
      .toBe(404);
  });
});

describe("kubectl over plain http", () => {
  it("gets 401 without a token (client-go sends kubeconfig credentials only over https)", async () => {
    const r = await raw(
      t.sim,
      "GET",
      "/api?timeout=32s",
      undefined,
      { Accept: ACCEPT_DISCOVERY, "User-Agent": UA },
      "",
    );
    expect(r.status).toBe(401);
    expect(plainHttpAuthNote(t.sim)).toMatch(/--https.*--no-auth/);
    expect(plainHttpAuthNote({ ...t.sim, url: "https://127.0.0.1:1" })).toBeUndefined();
  });

  it("--no-auth serves token-less requests and writes a kubeconfig without credentials", async () => {
    const args = parseArgs(["--no-auth", "--port", "0"]);
    expect(args.clusters[0]?.auth).toBe(false);
    expect(parseArgs([]).clusters[0]?.auth).toBe(true);
    const open = await startKubeSim({ profile: "empty", stepDelayMs: 0, tokens: false });
    try {
      expect(open.adminToken).toBeUndefined();
      expect(plainHttpAuthNote(open)).toBeUndefined();
      expect(open.kubeconfig.users[0]?.user).toEqual({});
      const r = await raw(open, "POST", vmsPath, manifest("anon"), { "User-Agent": UA }, "");
      expect(r.status).toBe(201);
    } finally {
      await open.stop();
    }
  });
});
