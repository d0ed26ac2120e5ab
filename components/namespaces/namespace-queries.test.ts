import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createNamespaceOnCluster,
  DEFAULT_NAMESPACE_LIST_PARAMS,
  namespaceKeys,
  namespaceListQueryOptions,
  registerNamespace,
  updateNamespace,
} from "./namespace-queries";

function answer(status: number, body: unknown): { url: string; method: string; body: unknown }[] {
  const sent: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({
        url,
        method: init.method ?? "GET",
        body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("namespaceKeys", () => {
  it("nests every list under all, and different sorts get different keys", async () => {
    const client = new QueryClient();
    const key = namespaceListQueryOptions(DEFAULT_NAMESPACE_LIST_PARAMS).queryKey;
    client.setQueryData(key, { items: [] } as never);
    client.setQueryData(["admin-clusters", "list"], {});
    await client.invalidateQueries({ queryKey: namespaceKeys.all });
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    expect(client.getQueryState(["admin-clusters", "list"])?.isInvalidated).toBe(false);
    expect(namespaceKeys.list({ ...DEFAULT_NAMESPACE_LIST_PARAMS, sort_order: "desc" })).not.toEqual(key);
  });
});

describe("namespace calls", () => {
  it("lists with the paging and sort in the query", async () => {
    const sent = answer(200, { items: [], pagination: {} });
    await namespaceListQueryOptions(DEFAULT_NAMESPACE_LIST_PARAMS).queryFn?.({
      signal: new AbortController().signal,
    } as never);
    expect(sent[0]?.url).toBe("/api/v1/admin/namespaces?page=1&per_page=50&sort_by=name&sort_order=asc");
  });

  it("registers, edits and creates on a cluster with the right method, path and body", async () => {
    const sent = answer(200, {});
    await registerNamespace("shop", { environment: "prod", description: "d", enabled: true });
    await updateNamespace("n/1", { enabled: false });
    await createNamespaceOnCluster("c 1", "shop");
    expect(sent).toEqual([
      {
        url: "/api/v1/admin/namespaces",
        method: "POST",
        body: { name: "shop", environment: "prod", description: "d", enabled: true },
      },
      { url: "/api/v1/admin/namespaces/n%2F1", method: "PATCH", body: { enabled: false } },
      { url: "/api/v1/admin/clusters/c%201/namespaces", method: "POST", body: { name: "shop" } },
    ]);
  });
});
