import { describe, expect, it } from "vitest";
import {
  auditExportHref,
  auditHistoryHref,
  auditLogSearchParams,
  parseAuditLogParams,
} from "./audit-log-params";
import { auditLogKeys, auditLogPageUrl } from "./queries";

describe("audit page params", () => {
  it("keeps the filters the API accepts and drops the rest", () => {
    expect(
      parseAuditLogParams({
        action: "vm.",
        outcome: "maybe",
        resource_type: ["vm", "cluster"],
        resource_id: "  abc ",
        from: "not a date",
        cursor: "x",
        page: "3",
      }),
    ).toEqual({ action: "vm.", resource_type: "vm", resource_id: "abc" });
  });
  it("drops `to` when it is not after `from`", () => {
    expect(parseAuditLogParams({ from: "2026-12-08", to: "2026-12-01" })).toEqual({ from: "2026-12-08" });
    expect(parseAuditLogParams({ from: "2026-12-01", to: "2026-12-08" })).toEqual({
      from: "2026-12-01",
      to: "2026-12-08",
    });
  });
  it("writes a stable query string", () => {
    expect(auditLogSearchParams({ outcome: "failure", action: "vm.", actor_id: "" }).toString()).toBe(
      "action=vm.&outcome=failure",
    );
  });
  it("links a resource's history and the export", () => {
    expect(auditHistoryHref("vm", "a b")).toBe("/admin/audit-log?resource_type=vm&resource_id=a+b");
    expect(auditExportHref({ action: "vm." }, "jsonl")).toBe(
      "/api/v1/admin/audit-logs/export?action=vm.&format=jsonl",
    );
  });
});

describe("audit query keys", () => {
  it("one list per filter set, all under lists()", () => {
    expect(auditLogKeys.list({ action: "vm." })).toEqual(["audit-logs", "list", "action=vm."]);
    expect(auditLogKeys.list({})).toEqual(["audit-logs", "list", ""]);
    expect(auditLogKeys.list({}).slice(0, 2)).toEqual(auditLogKeys.lists());
  });
  it("page URLs carry the filters and the cursor", () => {
    expect(auditLogPageUrl({}, null)).toBe("/api/v1/admin/audit-logs");
    expect(auditLogPageUrl({ outcome: "failure" }, "abc")).toBe(
      "/api/v1/admin/audit-logs?outcome=failure&cursor=abc",
    );
  });
});
