import { describe, expect, it } from "vitest";
import {
  hasPermission,
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  ROLES,
  rolesWithout,
} from "./permissions";

describe("the permission table", () => {
  it("gives every permission to at least one role, and only to known roles", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, permission).toBeGreaterThan(0);
      for (const role of roles) expect(ROLES, permission).toContain(role);
    }
  });

  it.each<[Permission, string[]]>([
    ["user.manage", ["admin"]],
    ["user.read", ["admin"]],
    ["admin.access", ["admin"]],
    ["cluster.manage", ["admin"]],
    ["adoption.manage", ["admin"]],
    ["policy.manage", ["admin"]],
    ["ticket.decide", ["admin", "approver"]],
    ["ticket.request", ["admin", "approver", "user"]],
    ["vm.operate", ["admin", "approver", "user"]],
    ["system.status.read", ["admin", "approver", "user"]],
    ["system.read", ["admin", "approver", "user"]],
    ["system.create", ["admin", "approver", "user"]],
    ["system.manage", ["admin"]],
    ["settings.manage", ["admin"]],
  ])("%s is held by %j (the roles of issue 5)", (permission, roles) => {
    expect(ROLES.filter((r) => hasPermission(r, permission))).toEqual(roles);
    expect(rolesWithout(permission)).toEqual(ROLES.filter((r) => !roles.includes(r)));
  });

  it("admins hold every permission", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[])
      expect(hasPermission("admin", permission)).toBe(true);
  });

  it("recognises roles and permissions, nothing else", () => {
    expect([isRole("approver"), isRole("root"), isRole(undefined)]).toEqual([true, false, false]);
    expect([isPermission("vm.read"), isPermission("toString"), isPermission("vm.delete_everything")]).toEqual(
      [true, false, false],
    );
  });
});
