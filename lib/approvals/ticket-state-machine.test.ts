import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import {
  assertTransition,
  canTransition,
  isTerminalStatus,
  nextStatuses,
  type TicketActor,
  type TransitionContext,
} from "./ticket-state-machine";
import { OperationType, TicketStatus } from "./ticket-status";

const statuses = Object.values(TicketStatus);
const operations = Object.values(OperationType);
const REQUESTER = "alice";

const requester: TicketActor = { kind: "user", id: REQUESTER, canApprove: false };
const approver: TicketActor = { kind: "user", id: "bob", canApprove: true };
const otherUser: TicketActor = { kind: "user", id: "carol", canApprove: false };
const system: TicketActor = { kind: "system" };

/** The actor entitled to move a ticket to `to`, so that only the edge itself can refuse. */
function entitledActor(to: TicketStatus): TicketActor {
  if (to === "CANCELLED") return requester;
  if (to === "APPROVED" || to === "REJECTED") return approver;
  return system;
}

function ctx(operationType: OperationType, actor: TicketActor): TransitionContext {
  return { operationType, requester: REQUESTER, actor };
}

// SPEC §17.2, written out independently of the implementation's table.
const allowedEdges = new Set([
  "PENDING_APPROVAL→APPROVED",
  "PENDING_APPROVAL→REJECTED",
  "PENDING_APPROVAL→CANCELLED",
  "APPROVED→EXECUTING",
  "APPROVED→FAILED",
  "EXECUTING→SUCCESS",
  "EXECUTING→FAILED",
]);
const vncAllowedEdges = new Set([
  "PENDING_APPROVAL→APPROVED",
  "PENDING_APPROVAL→REJECTED",
  "PENDING_APPROVAL→CANCELLED",
]);
const pendingOnlyTargets = new Set<TicketStatus>(["APPROVED", "REJECTED", "CANCELLED"]);

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const matrix = operations.flatMap((operation) =>
  statuses.flatMap((from) => statuses.map((to) => [operation, from, to] as const)),
);
const allowedCases = matrix.filter(([op, from, to]) =>
  (op === "VNC_ACCESS" ? vncAllowedEdges : allowedEdges).has(`${from}→${to}`),
);
const refusedCases = matrix.filter(
  ([op, from, to]) => !(op === "VNC_ACCESS" ? vncAllowedEdges : allowedEdges).has(`${from}→${to}`),
);

describe("ticket transitions: every (operation, from, to)", () => {
  it("covers the whole matrix", () => {
    expect(matrix).toHaveLength(operations.length * statuses.length * statuses.length);
    expect(allowedCases).toHaveLength((operations.length - 1) * allowedEdges.size + vncAllowedEdges.size);
  });

  it.each(allowedCases)("%s: %s → %s is allowed", (operation, from, to) => {
    const context = ctx(operation, entitledActor(to));
    expect(() => assertTransition(from, to, context)).not.toThrow();
    expect(canTransition(from, to, context)).toBe(true);
  });

  it.each(refusedCases)("%s: %s → %s is refused", (operation, from, to) => {
    const context = ctx(operation, entitledActor(to));
    const error = thrown(() => assertTransition(from, to, context));
    expect(error).toBeInstanceOf(AppError);
    expect(canTransition(from, to, context)).toBe(false);
    if (pendingOnlyTargets.has(to) && from !== "PENDING_APPROVAL") {
      expect(error).toMatchObject({ code: "TICKET_NOT_PENDING", httpStatus: 409, params: { status: from } });
    } else {
      expect(error).toMatchObject({
        code: "TICKET_INVALID_TRANSITION",
        httpStatus: 409,
        params: { from, to },
      });
    }
  });
});

describe("who may move a ticket", () => {
  it.each<[string, TicketActor, string | undefined]>([
    ["the requester", requester, undefined],
    ["the requester who is also an approver", { kind: "user", id: REQUESTER, canApprove: true }, undefined],
    ["an approver", approver, "TICKET_CANCEL_FORBIDDEN"],
    ["another user", otherUser, "TICKET_CANCEL_FORBIDDEN"],
    ["the system", system, "TICKET_CANCEL_FORBIDDEN"],
  ])("cancel by %s", (_label, actor, code) => {
    const error = thrown(() => assertTransition("PENDING_APPROVAL", "CANCELLED", ctx("CREATE_VM", actor)));
    if (code === undefined) expect(error).toBeUndefined();
    else expect(error).toMatchObject({ code, httpStatus: 403 });
  });

  it.each(["APPROVED", "REJECTED"] as const)("%s only by a user with the approval permission", (to) => {
    expect(canTransition("PENDING_APPROVAL", to, ctx("STOP_VM", approver))).toBe(true);
    expect(canTransition("PENDING_APPROVAL", to, ctx("STOP_VM", { ...approver, id: REQUESTER }))).toBe(true);
    for (const actor of [requester, otherUser, system]) {
      expect(thrown(() => assertTransition("PENDING_APPROVAL", to, ctx("STOP_VM", actor)))).toMatchObject({
        code: "FORBIDDEN",
        httpStatus: 403,
        params: { permission: "approval:approve" },
      });
    }
  });

  it.each([
    ["APPROVED", "EXECUTING"],
    ["APPROVED", "FAILED"],
    ["EXECUTING", "SUCCESS"],
    ["EXECUTING", "FAILED"],
  ] as const)("%s → %s only by the system", (from, to) => {
    expect(canTransition(from, to, ctx("CREATE_VM", system))).toBe(true);
    for (const actor of [requester, approver, otherUser]) {
      expect(thrown(() => assertTransition(from, to, ctx("CREATE_VM", actor)))).toMatchObject({
        code: "FORBIDDEN",
      });
    }
  });

  it("checks the actor before the state", () => {
    // Someone else's finished ticket: refused for who they are, not for its state.
    expect(thrown(() => assertTransition("SUCCESS", "CANCELLED", ctx("CREATE_VM", otherUser)))).toMatchObject(
      {
        code: "TICKET_CANCEL_FORBIDDEN",
      },
    );
    expect(thrown(() => assertTransition("APPROVED", "APPROVED", ctx("CREATE_VM", requester)))).toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    // The requester's own approved ticket: no longer pending.
    expect(
      thrown(() => assertTransition("APPROVED", "CANCELLED", ctx("CREATE_VM", requester))),
    ).toMatchObject({
      code: "TICKET_NOT_PENDING",
    });
  });
});

describe("VNC_ACCESS ends at APPROVED", () => {
  it("has no edge out of APPROVED", () => {
    expect(nextStatuses("APPROVED", "VNC_ACCESS")).toEqual([]);
    expect(isTerminalStatus("APPROVED", "VNC_ACCESS")).toBe(true);
    expect(thrown(() => assertTransition("APPROVED", "EXECUTING", ctx("VNC_ACCESS", system)))).toMatchObject({
      code: "TICKET_INVALID_TRANSITION",
      params: { from: "APPROVED", to: "EXECUTING" },
    });
  });

  it("is approved, rejected or cancelled like any other request", () => {
    expect(nextStatuses("PENDING_APPROVAL", "VNC_ACCESS")).toEqual(["APPROVED", "REJECTED", "CANCELLED"]);
  });

  it.each(operations.filter((op) => op !== "VNC_ACCESS"))("%s goes on from APPROVED", (operation) => {
    expect(nextStatuses("APPROVED", operation)).toEqual(["EXECUTING", "FAILED"]);
    expect(isTerminalStatus("APPROVED", operation)).toBe(false);
  });
});

describe("terminal statuses", () => {
  it.each(operations.flatMap((op) => statuses.map((status) => [op, status] as const)))(
    "%s: %s",
    (operation, status) => {
      // VNC_ACCESS never executes: everything after the decision is final (EXECUTING is unreachable).
      const terminal =
        ["REJECTED", "CANCELLED", "SUCCESS", "FAILED"].includes(status) ||
        (operation === "VNC_ACCESS" && status !== "PENDING_APPROVAL");
      expect(isTerminalStatus(status, operation)).toBe(terminal);
    },
  );
});
