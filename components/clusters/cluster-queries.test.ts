import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError } from "@/components/api/request-json";
import {
  affectsClusterView,
  clusterDetailQueryOptions,
  clusterKeys,
  clusterListQueryOptions,
  DEFAULT_CLUSTER_LIST_PARAMS,
  deleteCluster,
  pageAfterShrink,
  registerCluster,
  rotateClusterCredentials,
  setDeclaredCapabilities,
  updateCluster,
} from "./cluster-queries";

interface Sent {
  url: string;
  method: string;
  body: unknown;
}

/** Replaces fetch with one answer and records what was sent. */
function answer(status: number, body?: unknown, contentType = "application/json"): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({
        url,
        method: init.method ?? "GET",
        body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      });
      const text = body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body);
      return new Response(text, { status, headers: { "content-type": contentType } });
    }),
  );
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("clusterKeys", () => {
  it("nests lists and details under all, so one invalidation refreshes the whole page", async () => {
    const client = new QueryClient();
    const list = clusterListQueryOptions(DEFAULT_CLUSTER_LIST_PARAMS).queryKey;
    const detail = clusterDetailQueryOptions("c1").queryKey;
    client.setQueryData(list, { items: [] } as never);
    client.setQueryData(detail, {} as never);
    client.setQueryData(["vms", "list"], {});
    await client.invalidateQueries({ queryKey: clusterKeys.all });
    expect(client.getQueryState(list)?.isInvalidated).toBe(true);
    expect(client.getQueryState(detail)?.isInvalidated).toBe(true);
    expect(client.getQueryState(["vms", "list"])?.isInvalidated).toBe(false);
  });

  it("gives different sorts different list keys", () => {
    expect(clusterKeys.list({ ...DEFAULT_CLUSTER_LIST_PARAMS, sort_order: "desc" })).not.toEqual(
      clusterKeys.list(DEFAULT_CLUSTER_LIST_PARAMS),
    );
  });
});

describe("the admin cluster calls", () => {
  it("register sends the kubeconfig as base64 of its text, with the wire's field names", async () => {
    const sent = answer(201, { id: "c1", name: "prod-1" });
    const text = "apiVersion: v1\nkind: Config\n";
    await registerCluster({
      name: "prod-1",
      environment: "prod",
      kubeconfigText: text,
      allow_unreachable: true,
    });
    expect(sent).toEqual([
      {
        url: "/api/v1/admin/clusters",
        method: "POST",
        body: {
          name: "prod-1",
          environment: "prod",
          allow_unreachable: true,
          kubeconfig: Buffer.from(text).toString("base64"),
        },
      },
    ]);
  });

  it("puts ids into paths encoded, and each verb on its own path", async () => {
    const sent = answer(200, {});
    await updateCluster("a/b", { enabled: false });
    await rotateClusterCredentials("a/b", "x");
    await setDeclaredCapabilities("a/b", ["gpu"], undefined);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      "PATCH /api/v1/admin/clusters/a%2Fb",
      "PUT /api/v1/admin/clusters/a%2Fb/credentials",
      "PUT /api/v1/admin/clusters/a%2Fb/declared-capabilities",
    ]);
    expect(sent[1]?.body).toEqual({ kubeconfig: Buffer.from("x").toString("base64") });
    expect(sent[2]?.body).toEqual({ capabilities: ["gpu"] });
  });

  it("turns a problem body into an error with its code, params and field errors", async () => {
    answer(
      409,
      {
        code: "CLUSTER_IN_USE",
        message: "in use",
        params: { governed_vm_count: 3 },
        field_errors: [{ field: "name", code: "too_big" }, "junk"],
      },
      "application/problem+json",
    );
    const error = await deleteCluster("c1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 409,
      code: "CLUSTER_IN_USE",
      params: { governed_vm_count: 3 },
      fieldErrors: [{ field: "name", code: "too_big" }],
    });
    expect((error as ApiRequestError).hasFieldError("display_name", "name")).toBe(true);
    expect((error as ApiRequestError).hasFieldError("kubeconfig")).toBe(false);
  });

  it("reads a non-JSON failure as an error without a code (the UI's generic message)", async () => {
    answer(502, "<html>Bad gateway</html>", "text/html");
    await expect(deleteCluster("c1")).rejects.toMatchObject({
      status: 502,
      code: undefined,
      fieldErrors: [],
    });
  });

  it("answers a 204 with nothing", async () => {
    answer(204);
    await expect(deleteCluster("c1")).resolves.toBeUndefined();
  });
});

describe("affectsClusterView", () => {
  const checked = { cluster_id: "c1", change: "checked" } as const;
  const vms = { cluster: "c1", kinds: ["VirtualMachine"], namespaces: null };
  const migrations = { cluster: "c1", kinds: ["VirtualMachineInstanceMigration"], namespaces: null };

  it.each([
    ["a cluster notice, on the list", checked, undefined, true],
    ["a cluster notice about this cluster", checked, "c1", true],
    ["a cluster notice about another cluster", checked, "c2", false],
    ["a VM change, on the list", vms, undefined, true],
    ["a VM change on this cluster", vms, "c1", true],
    ["a VM change on another cluster", vms, "c2", false],
    ["a migration change (no count moves)", migrations, undefined, false],
  ])("%s → %s", (_, notice, clusterId, expected) => {
    expect(affectsClusterView(notice, clusterId)).toBe(expected);
  });
});

describe("pageAfterShrink", () => {
  const pages = (total_pages: number, total_items: number) => ({
    page: 1,
    per_page: 50,
    total_items,
    total_pages,
    has_next: false,
    has_prev: false,
  });

  it.each([
    ["the page still exists", 2, pages(2, 60), undefined],
    ["the first page of an empty list", 1, pages(1, 0), undefined],
    ["the last page lost its last cluster", 3, pages(2, 100), 2],
    ["every cluster went away", 2, pages(1, 0), 1],
  ])("%s", (_, page, pagination, expected) => {
    expect(pageAfterShrink(page, pagination)).toBe(expected);
  });
});
