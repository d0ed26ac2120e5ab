import { describe, expect, it } from "vitest";
import { VM_ACTIONS, type VmAction } from "@/lib/vms/vm-actions";
import { VM_STATUSES } from "@/lib/vms/vm-list-params";
import type { VmActionState } from "@/lib/vms/vm-views";
import {
  actionButtonLabel,
  confirmationMatches,
  headerActions,
  LIST_ROW_ACTIONS,
  listRowActionsFor,
  needsConfirmation,
} from "./vm-action-choice";

const labels = { run: "Stop", request: "Request stop", pending: "Stopping…" };
const allowed: VmActionState = { allowed: true, requires_approval: false, reason: null };

describe("actionButtonLabel", () => {
  it("says Stop when the verb runs at once and Request stop when it needs approval", () => {
    expect(actionButtonLabel({ requires_approval: false }, labels)).toBe("Stop");
    expect(actionButtonLabel({ requires_approval: true }, labels)).toBe("Request stop");
  });
});

describe("headerActions", () => {
  it("lists exactly the verbs the server listed, in VM_ACTIONS order, without the snapshot-row verbs", () => {
    const actions: Partial<Record<VmAction, VmActionState>> = {
      delete: allowed,
      stop: allowed,
      restore: allowed,
      "delete-snapshot": allowed,
      snapshot: { allowed: false, requires_approval: false, reason: { code: "VM_NOT_RUNNING", params: {} } },
      clone: allowed,
    };
    expect(headerActions(actions)).toEqual(["stop", "snapshot", "clone", "delete"]);
  });

  it("offers nothing for a VM without actions (not governed)", () => {
    expect(headerActions({})).toEqual([]);
  });
});

describe("needsConfirmation", () => {
  it("asks before every destructive verb and before a clone, not before start or stop", () => {
    const asked = VM_ACTIONS.filter(needsConfirmation);
    expect(asked).toEqual(["force-stop", "delete-snapshot", "restore", "clone", "delete"]);
  });
});

describe("confirmationMatches", () => {
  it.each([
    ["shop-api-01", true],
    ["  shop-api-01 ", true],
    ["shop-api-0", false],
    ["SHOP-API-01", false],
    ["", false],
    ["shop-api-01x", false],
  ])("%j for shop-api-01 → %s", (typed, expected) => {
    expect(confirmationMatches(typed, "shop-api-01")).toBe(expected);
  });
});

describe("listRowActionsFor", () => {
  it.each([
    ["STOPPED", ["start"]],
    ["FAILED", ["start"]],
    ["RUNNING", ["stop", "restart"]],
    ["PAUSED", ["stop"]],
    ["STOPPING", []],
    ["CREATING", []],
    ["MIGRATING", []],
    ["DELETING", []],
    ["PENDING", []],
  ] as const)("%s → %j", (status, expected) => {
    expect(listRowActionsFor(status)).toEqual(expected);
  });

  it("only ever offers the list's verbs", () => {
    for (const status of VM_STATUSES)
      for (const verb of listRowActionsFor(status)) expect(LIST_ROW_ACTIONS).toContain(verb);
  });
});
