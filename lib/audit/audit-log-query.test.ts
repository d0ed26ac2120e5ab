import { describe, expect, it } from "vitest";
import {
  AuditLogExportQuery,
  AuditLogListQuery,
  actionDomainOf,
  decodeAuditCursor,
  encodeAuditCursor,
} from "./audit-log-query";

const cursor = { createdAt: "2026-12-08T13:20:00.123456Z", id: "7f0c1c54-3c1e-4d0e-9f5e-8d4a3b2c1d0e" };

describe("audit cursors", () => {
  it("round-trip and are URL-safe", () => {
    const raw = encodeAuditCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(raw)).toEqual(cursor);
  });
  it("refuse anything else", () => {
    expect(decodeAuditCursor("not a cursor!")).toBeUndefined();
    expect(decodeAuditCursor(btoa("2026-12-08T13:20:00Z|x"))).toBeUndefined();
    expect(decodeAuditCursor(btoa(`${cursor.createdAt}|${cursor.id}|more`))).toBeUndefined();
    expect(decodeAuditCursor(btoa(`2026-13-45T99:99:99.000000Z|${cursor.id}`))).toBeUndefined();
  });
});

describe("AuditLogListQuery", () => {
  it("defaults: first page of 50, no filters", () => {
    expect(AuditLogListQuery.parse({})).toEqual({ per_page: 50 });
  });
  it("parses filters, dropping empty ones", () => {
    const q = AuditLogListQuery.parse({
      from: "2026-12-01",
      to: "2026-12-08T00:00:00Z",
      action: "vm.",
      outcome: "failure",
      resource_type: "vm",
      resource_id: "",
      cursor: encodeAuditCursor(cursor),
      per_page: "10",
    });
    expect(q).toMatchObject({ action: "vm.", outcome: "failure", resource_type: "vm", per_page: 10, cursor });
    expect(q.resource_id).toBeUndefined();
    expect(q.from?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
  it("refuses a bad cursor, outcome, per_page, action or an empty time range", () => {
    expect(AuditLogListQuery.safeParse({ cursor: "zzz" }).success).toBe(false);
    expect(AuditLogListQuery.safeParse({ outcome: "maybe" }).success).toBe(false);
    expect(AuditLogListQuery.safeParse({ per_page: "101" }).success).toBe(false);
    expect(AuditLogListQuery.safeParse({ action: "vm.%" }).success).toBe(false);
    expect(AuditLogListQuery.safeParse({ from: "2026-12-08", to: "2026-12-01" }).success).toBe(false);
    expect(AuditLogListQuery.safeParse({ from: "yesterday" }).success).toBe(false);
  });
  it("the export needs a known format", () => {
    expect(AuditLogExportQuery.parse({ format: "jsonl" }).format).toBe("jsonl");
    expect(AuditLogExportQuery.safeParse({ format: "xlsx" }).success).toBe(false);
    expect(AuditLogExportQuery.safeParse({}).success).toBe(false);
  });
});

describe("actionDomainOf", () => {
  it("a trailing dot asks for the domain", () => {
    expect(actionDomainOf("vm.")).toBe("vm");
    expect(actionDomainOf("vm.start")).toBeUndefined();
    expect(actionDomainOf("vm")).toBeUndefined();
  });
});
