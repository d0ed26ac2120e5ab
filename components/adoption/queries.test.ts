import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { PendingAdoptionPageView, PendingAdoptionView } from "@/lib/adoption/adoption-views";
import { DEFAULT_INBOX_PARAMS } from "./inbox-params";
import { adoptionKeys, applyDecisions, pendingAdoptionsQueryOptions, reflectDecisions } from "./queries";

function item(
  id: string,
  cluster: string,
  status: PendingAdoptionView["status"] = "PENDING",
): PendingAdoptionView {
  return {
    id,
    cluster_id: cluster,
    cluster_name: `name-${cluster}`,
    namespace: "dev",
    resource_name: `vm-${id}`,
    resource_type: "VirtualMachine",
    system: "shop",
    service: "redis",
    instance: "01",
    k8s_uid: `uid-${id}`,
    status,
    first_seen_at: "2026-01-01T00:00:00.000Z",
    last_seen_at: "2026-01-01T00:00:00.000Z",
    decided_by: null,
    decided_at: null,
    decision_reason: null,
  };
}

function page(items: PendingAdoptionView[], total = items.length): PendingAdoptionPageView {
  return {
    items,
    pagination: {
      page: 1,
      per_page: 25,
      total_items: total,
      total_pages: 1,
      has_next: false,
      has_prev: false,
    },
    pending_by_cluster: {
      c1: { cluster_name: "name-c1", pending: 2 },
      c2: { cluster_name: "name-c2", pending: 1 },
    },
  };
}

describe("adoptionKeys", () => {
  it("nests lists, details and scans under all", () => {
    for (const key of [adoptionKeys.lists(), adoptionKeys.details(), adoptionKeys.scans()])
      expect(key.slice(0, adoptionKeys.all.length)).toEqual([...adoptionKeys.all]);
    expect(adoptionKeys.detail("a").slice(0, 2)).toEqual([...adoptionKeys.details()]);
  });

  it("gives the list the same key whichever item is open, and another key for another filter", () => {
    expect(adoptionKeys.list({ ...DEFAULT_INBOX_PARAMS, item: "a" })).toEqual(
      adoptionKeys.list(DEFAULT_INBOX_PARAMS),
    );
    expect(adoptionKeys.list({ ...DEFAULT_INBOX_PARAMS, status: "IGNORED" })).not.toEqual(
      adoptionKeys.list(DEFAULT_INBOX_PARAMS),
    );
  });

  it("invalidating lists() marks every list stale and leaves the scans alone", async () => {
    const client = new QueryClient();
    const list = pendingAdoptionsQueryOptions(DEFAULT_INBOX_PARAMS).queryKey;
    client.setQueryData(list, page([]));
    client.setQueryData(adoptionKeys.scans(), []);
    await client.invalidateQueries({ queryKey: adoptionKeys.lists() });
    expect(client.getQueryState(list)?.isInvalidated).toBe(true);
    expect(client.getQueryState(adoptionKeys.scans())?.isInvalidated).toBe(false);
  });
});

describe("applyDecisions", () => {
  const before = page([item("a", "c1"), item("b", "c1"), item("c", "c2")], 30);

  it("takes adopted items out of the pending list, its total and its cluster's count", () => {
    const after = applyDecisions(before, "PENDING", new Map([["a", "ADOPTED"]]));
    expect(after.items.map((i) => i.id)).toEqual(["b", "c"]);
    expect(after.pagination.total_items).toBe(29);
    expect(after.pending_by_cluster.c1?.pending).toBe(1);
    expect(after.pending_by_cluster.c2?.pending).toBe(1);
    expect(before.pending_by_cluster.c1?.pending).toBe(2); // the cached page is not mutated
  });

  it("keeps an item in a list whose filter is its new status", () => {
    const after = applyDecisions(before, "ADOPTED", new Map([["c", "ADOPTED"]]));
    expect(after.items.find((i) => i.id === "c")?.status).toBe("ADOPTED");
    expect(after.pagination.total_items).toBe(30);
    expect(after.pending_by_cluster.c2?.pending).toBe(0);
  });

  it("counts a reopened item as pending again and drops it from the ignored list", () => {
    const ignored = page([item("x", "c2", "IGNORED")]);
    const after = applyDecisions(ignored, "IGNORED", new Map([["x", "PENDING"]]));
    expect(after.items).toEqual([]);
    expect(after.pagination.total_items).toBe(0);
    expect(after.pending_by_cluster.c2?.pending).toBe(2);
  });

  it("returns the same page when nothing on it changed", () => {
    expect(applyDecisions(before, "PENDING", new Map([["zzz", "ADOPTED"]]))).toBe(before);
    expect(applyDecisions(before, "PENDING", new Map([["a", "PENDING"]]))).toBe(before);
  });
});

describe("reflectDecisions", () => {
  it("updates each cached list by its own status filter and marks lists and the decided detail stale", async () => {
    const client = new QueryClient();
    const pendingKey = adoptionKeys.list(DEFAULT_INBOX_PARAMS);
    const ignoredKey = adoptionKeys.list({ ...DEFAULT_INBOX_PARAMS, status: "IGNORED" });
    client.setQueryData(pendingKey, page([item("a", "c1"), item("b", "c1")]));
    client.setQueryData(ignoredKey, page([item("x", "c1", "IGNORED")]));
    client.setQueryData(adoptionKeys.detail("a"), { id: "a" });
    client.setQueryData(adoptionKeys.detail("b"), { id: "b" });

    await reflectDecisions(
      client,
      new Map([
        ["a", "ADOPTED"],
        ["x", "PENDING"],
      ]),
    );

    const pending = client.getQueryData<PendingAdoptionPageView>(pendingKey);
    expect(pending?.items.map((i) => i.id)).toEqual(["b"]);
    const ignored = client.getQueryData<PendingAdoptionPageView>(ignoredKey);
    expect(ignored?.items).toEqual([]); // reopened: it left the ignored list
    expect(client.getQueryState(pendingKey)?.isInvalidated).toBe(true);
    expect(client.getQueryState(adoptionKeys.detail("a"))?.isInvalidated).toBe(true);
    expect(client.getQueryState(adoptionKeys.detail("b"))?.isInvalidated).toBe(false);
  });
});
