import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError } from "@/components/api/request-json";
import { policyKeys, policyMatrixQueryOptions, updateApprovalPolicy } from "./policy-queries";

function answer(status: number, body: unknown): { url: string; method: string; body: unknown }[] {
  const sent: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({
        url,
        method: init.method ?? "GET",
        body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("policyKeys", () => {
  it("nests the matrix under all, so one invalidation refreshes the page and nothing else", async () => {
    const client = new QueryClient();
    const key = policyMatrixQueryOptions().queryKey;
    client.setQueryData(key, { cells: [] } as never);
    client.setQueryData(["admin-clusters", "list"], {});
    await client.invalidateQueries({ queryKey: policyKeys.all });
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    expect(client.getQueryState(["admin-clusters", "list"])?.isInvalidated).toBe(false);
  });
});

describe("updateApprovalPolicy", () => {
  it("PATCHes only the changed field to the encoded id", async () => {
    const sent = answer(200, { id: "p/1" });
    await updateApprovalPolicy("p/1", { requires_approval: true });
    expect(sent).toEqual([
      { url: "/api/v1/admin/approval-policies/p%2F1", method: "PATCH", body: { requires_approval: true } },
    ]);
  });

  it("rejects with the problem's code", async () => {
    answer(404, { code: "POLICY_NOT_FOUND", params: { id: "x" } });
    await expect(updateApprovalPolicy("x", { enabled: false })).rejects.toMatchObject({
      constructor: ApiRequestError,
      status: 404,
      code: "POLICY_NOT_FOUND",
    });
  });
});
