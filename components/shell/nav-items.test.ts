import { describe, expect, it } from "vitest";
import { navSectionsFor } from "./nav-items";

const hrefs = (role: "admin" | "approver" | "user") =>
  Object.fromEntries(navSectionsFor(role).flatMap((s) => s.items.map((i) => [i.id, i.href])));

const ids = (role: "admin" | "approver" | "user") =>
  navSectionsFor(role).map((s) => [s.id, s.items.map((i) => i.id)]);

describe("navSectionsFor", () => {
  it("shows admins everything, including the Users page", () => {
    expect(ids("admin")).toEqual([
      ["main", ["overview", "vms", "requests", "systems", "approvals"]],
      ["admin", ["clusters", "adoptions", "users", "auditLog", "namespaces", "approvalPolicies"]],
    ]);
  });

  it("links admins to the Clusters and Users pages", () => {
    expect(hrefs("admin")).toMatchObject({ clusters: "/admin/clusters", users: "/admin/users" });
  });

  it("shows approvers approvals but no administration", () => {
    expect(ids("approver")).toEqual([["main", ["overview", "vms", "requests", "systems", "approvals"]]]);
    expect(hrefs("approver")).not.toHaveProperty("clusters");
  });

  it("shows users neither approvals nor administration", () => {
    expect(ids("user")).toEqual([["main", ["overview", "vms", "requests", "systems"]]]);
    expect(hrefs("user")).not.toHaveProperty("clusters");
  });

  it("links the adoption inbox for admins only", () => {
    const adoption = (role: "admin" | "approver" | "user") =>
      navSectionsFor(role)
        .flatMap((s) => s.items)
        .find((i) => i.id === "adoptions");
    expect(adoption("admin")?.href).toBe("/admin/adoptions");
    expect(adoption("approver")).toBeUndefined();
    expect(adoption("user")).toBeUndefined();
  });
});

describe("My requests", () => {
  it("is a link for every role; approvals is not built yet", () => {
    for (const role of ["admin", "approver", "user"] as const) {
      const items = navSectionsFor(role).flatMap((s) => s.items);
      expect(items.find((i) => i.id === "requests")?.href).toBe("/requests");
    }
    expect(hrefs("approver").approvals).toBeUndefined();
  });
});
