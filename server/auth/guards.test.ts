import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { crossOriginReason, isStateChanging } from "./origin-check";
import { requireRole } from "./require-role";
import { requireUser } from "./require-user";
import type { SessionUser } from "./session";

const user: SessionUser = { id: "u1", name: "U", email: "u@example.test", username: "u", role: "user" };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? e.code : "not an AppError";
  }
  return undefined;
}

describe("requireUser / requireRole", () => {
  it("refuses no session with UNAUTHENTICATED (401)", () => {
    expect(codeOf(() => requireUser(null))).toBe("UNAUTHENTICATED");
    expect(requireUser(user)).toBe(user);
  });

  it("refuses a role without the permission with FORBIDDEN (403), naming the permission", () => {
    expect(codeOf(() => requireRole(user, "user.manage"))).toBe("FORBIDDEN");
    try {
      requireRole(user, "ticket.decide");
    } catch (e) {
      expect(isAppError(e, "FORBIDDEN") && e.httpStatus === 403 && e.params).toEqual({
        permission: "ticket.decide",
      });
    }
    expect(requireRole({ ...user, role: "approver" }, "ticket.decide").role).toBe("approver");
  });
});

describe("origin check", () => {
  const origin = "https://shepherd.example.com";
  it.each([
    [{ origin }, undefined],
    [{ "sec-fetch-site": "same-origin" }, undefined],
    [{}, undefined], // not a browser page: no ambient cookies to abuse
    [{ origin: "https://evil.example" }, "origin https://evil.example"],
    [
      { origin: "https://shepherd.example.com.evil.example" },
      "origin https://shepherd.example.com.evil.example",
    ],
    [{ origin: "null" }, "origin null"],
    [{ "sec-fetch-site": "cross-site" }, "sec-fetch-site cross-site"],
    [{ "sec-fetch-site": "same-site" }, "sec-fetch-site same-site"],
  ])("%j → %s", (headers, reason) => {
    expect(crossOriginReason(new Headers(headers), origin)).toBe(reason);
  });

  it("applies to state-changing methods only", () => {
    expect(["GET", "HEAD", "OPTIONS"].map(isStateChanging)).toEqual([false, false, false]);
    expect(["POST", "PUT", "PATCH", "DELETE", "post"].map(isStateChanging)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
