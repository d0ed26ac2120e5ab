import { describe, expect, it } from "vitest";
import {
  DEFAULT_INBOX_PARAMS,
  hasInboxFilters,
  inboxSearchParams,
  parseInboxParams,
  pendingAdoptionsQuery,
  withInboxChange,
} from "./inbox-params";

const CLUSTER = "0b5f7d8e-7c1a-4c43-9d0f-3f3e2b1a0c11";
const ITEM = "6a4b2c1d-3e5f-4a7b-8c9d-0e1f2a3b4c5d";

describe("parseInboxParams", () => {
  it("defaults to the API's list: pending items, newest first, 20 a page", () => {
    expect(parseInboxParams({})).toEqual({
      status: "PENDING",
      sort_by: "first_seen_at",
      sort_order: "desc",
      page: 1,
      per_page: 20,
    });
  });

  it("reads every filter, the paging and the open item", () => {
    expect(
      parseInboxParams({
        cluster_id: CLUSTER,
        namespace: " prod ",
        system: "shop",
        service: "redis",
        status: "IGNORED",
        sort_by: "resource_name",
        sort_order: "desc",
        page: "3",
        per_page: "50",
        item: ITEM,
      }),
    ).toEqual({
      cluster_id: CLUSTER,
      namespace: "prod",
      system: "shop",
      service: "redis",
      status: "IGNORED",
      sort_by: "resource_name",
      sort_order: "desc",
      page: 3,
      per_page: 50,
      item: ITEM,
    });
  });

  it("sorts names A→Z unless told otherwise, like the API", () => {
    expect(parseInboxParams({ sort_by: "namespace" }).sort_order).toBe("asc");
  });

  it("drops only the values the API would refuse and keeps the rest", () => {
    const params = parseInboxParams({
      status: "DELETED",
      page: "-2",
      per_page: "1000",
      cluster_id: "not-a-uuid",
      service: "a-service-name-far-too-long",
      item: "also-not-a-uuid",
      system: "shop",
    });
    expect(params).toEqual({ ...DEFAULT_INBOX_PARAMS, system: "shop" });
  });

  it("takes the first of a repeated key and treats blank text as absent", () => {
    expect(parseInboxParams({ status: ["GONE", "ADOPTED"], namespace: "   " })).toEqual({
      ...DEFAULT_INBOX_PARAMS,
      status: "GONE",
    });
  });

  it("round-trips through the address bar", () => {
    const params = parseInboxParams({ cluster_id: CLUSTER, status: "GONE", page: "2", item: ITEM });
    expect(parseInboxParams(Object.fromEntries(inboxSearchParams(params)))).toEqual(params);
  });
});

describe("inboxSearchParams", () => {
  it("leaves defaults out so the plain inbox has a plain address", () => {
    expect(inboxSearchParams(DEFAULT_INBOX_PARAMS).toString()).toBe("");
    expect(inboxSearchParams({ ...DEFAULT_INBOX_PARAMS, status: "IGNORED", item: ITEM }).toString()).toBe(
      `status=IGNORED&item=${ITEM}`,
    );
  });

  it("leaves out the sort order the chosen field defaults to, and keeps the other one", () => {
    expect(
      inboxSearchParams({ ...DEFAULT_INBOX_PARAMS, sort_by: "resource_name", sort_order: "asc" }).toString(),
    ).toBe("sort_by=resource_name");
    expect(inboxSearchParams({ ...DEFAULT_INBOX_PARAMS, sort_order: "asc" }).toString()).toBe(
      "sort_order=asc",
    );
  });
});

describe("pendingAdoptionsQuery", () => {
  it("always states status, sort and paging", () => {
    expect(pendingAdoptionsQuery(DEFAULT_INBOX_PARAMS).toString()).toBe(
      "status=PENDING&sort_by=first_seen_at&sort_order=desc&page=1&per_page=20",
    );
  });

  it("sends the filters that are set and never the open item", () => {
    const query = pendingAdoptionsQuery({ ...DEFAULT_INBOX_PARAMS, namespace: "dev", item: ITEM });
    expect(query.has("item")).toBe(false);
    expect(query.has("system")).toBe(false);
    expect(query.get("namespace")).toBe("dev");
  });
});

describe("withInboxChange", () => {
  const onPage3 = { ...DEFAULT_INBOX_PARAMS, page: 3 };

  it("starts a new filter at page 1", () => {
    expect(withInboxChange(onPage3, { system: "shop" })).toMatchObject({ system: "shop", page: 1 });
  });

  it("keeps the page when only the page or the open item changes", () => {
    expect(withInboxChange(onPage3, { item: ITEM })).toMatchObject({ item: ITEM, page: 3 });
    expect(withInboxChange(onPage3, { page: 4 })).toMatchObject({ page: 4 });
  });
});

describe("hasInboxFilters", () => {
  it("is false for the default view and true for any narrowing or another status", () => {
    expect(hasInboxFilters(DEFAULT_INBOX_PARAMS)).toBe(false);
    expect(hasInboxFilters({ ...DEFAULT_INBOX_PARAMS, page: 2, item: ITEM })).toBe(false);
    expect(hasInboxFilters({ ...DEFAULT_INBOX_PARAMS, namespace: "dev" })).toBe(true);
    expect(hasInboxFilters({ ...DEFAULT_INBOX_PARAMS, status: "ADOPTED" })).toBe(true);
  });
});
