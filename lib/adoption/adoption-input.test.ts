import { describe, expect, it } from "vitest";
import { BatchAdoptionDecisionBody, IgnoreAdoptionBody, PendingAdoptionListQuery } from "./adoption-input";

const ID = "0b0c1d9e-5a7f-4d2b-9c3e-1f2a3b4c5d6e";

describe("PendingAdoptionListQuery", () => {
  it("defaults to pending items, newest first, 20 a page", () => {
    expect(PendingAdoptionListQuery.parse({})).toEqual({
      status: "PENDING",
      page: 1,
      per_page: 20,
      sort_by: "first_seen_at",
      sort_order: "desc",
    });
  });

  it("sorts names A→Z unless told otherwise", () => {
    expect(PendingAdoptionListQuery.parse({ sort_by: "resource_name" }).sort_order).toBe("asc");
    expect(PendingAdoptionListQuery.parse({ sort_by: "namespace", sort_order: "desc" }).sort_order).toBe(
      "desc",
    );
  });

  it.each([
    { cluster_id: "nope" },
    { status: "REJECTED" },
    { per_page: "101" },
    { page: "0" },
    { sort_by: "status" },
    { system: "x".repeat(16) },
  ])("refuses %j", (query) => {
    expect(PendingAdoptionListQuery.safeParse(query).success).toBe(false);
  });
});

describe("decision bodies", () => {
  it("an empty or blank reason is no reason; 500 characters is the limit", () => {
    expect(IgnoreAdoptionBody.parse({})).toEqual({});
    expect(IgnoreAdoptionBody.parse({ reason: "  " })).toEqual({ reason: undefined });
    expect(IgnoreAdoptionBody.parse({ reason: "x".repeat(500) }).reason).toHaveLength(500);
    expect(IgnoreAdoptionBody.safeParse({ reason: "x".repeat(501) }).success).toBe(false);
  });

  it("a batch holds 1 to 100 distinct uuids", () => {
    expect(BatchAdoptionDecisionBody.parse({ ids: [ID, ID], decision: "adopt" }).ids).toEqual([ID]);
    expect(BatchAdoptionDecisionBody.safeParse({ ids: [], decision: "adopt" }).success).toBe(false);
    expect(BatchAdoptionDecisionBody.safeParse({ ids: ["x"], decision: "adopt" }).success).toBe(false);
    expect(BatchAdoptionDecisionBody.safeParse({ ids: [ID], decision: "delete" }).success).toBe(false);
    const many = Array.from({ length: 101 }, (_, i) => ID.replace(/.{3}$/, String(i).padStart(3, "0")));
    expect(BatchAdoptionDecisionBody.safeParse({ ids: many, decision: "ignore" }).success).toBe(false);
  });
});
