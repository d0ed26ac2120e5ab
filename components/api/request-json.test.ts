import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError, asApiRequestError, requestJson } from "./request-json";

function answer(status: number, body?: string, contentType = "application/json") {
  const fetchMock = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(body ?? null, { status, headers: { "content-type": contentType } }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("requestJson", () => {
  it("sends JSON with its content type, and answers the parsed body", async () => {
    const fetchMock = answer(200, JSON.stringify({ ok: 1 }));
    await expect(requestJson("POST", "/api/v1/x", { a: 1 })).resolves.toEqual({ ok: 1 });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init).toMatchObject({ method: "POST", cache: "no-store", body: '{"a":1}' });
    expect(init?.headers).toEqual({ accept: "application/json", "content-type": "application/json" });
  });

  it("sends no body and no content type on a GET", async () => {
    const fetchMock = answer(200, "[]");
    await requestJson("GET", "/api/v1/x");
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBeUndefined();
    expect(init?.headers).toEqual({ accept: "application/json" });
  });

  it("answers a 204 with nothing", async () => {
    answer(204);
    await expect(requestJson("DELETE", "/api/v1/x")).resolves.toBeUndefined();
  });

  it("turns a problem body into an ApiRequestError with status, code, params and field errors", async () => {
    answer(
      400,
      JSON.stringify({
        code: "VALIDATION",
        message: "bad",
        params: { n: 1 },
        field_errors: [{ field: "name", code: "too_big" }, "junk", { code: "no field" }],
      }),
      "application/problem+json",
    );
    const error = await requestJson("POST", "/api/v1/x", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: "VALIDATION",
      params: { n: 1 },
      fieldErrors: [{ field: "name", code: "too_big" }],
    });
    expect(asApiRequestError(error)?.hasFieldError("display_name", "name")).toBe(true);
    expect(asApiRequestError(error)?.hasFieldError("kubeconfig")).toBe(false);
  });

  it("reads a non-JSON failure (a proxy's page) as an error without a code", async () => {
    answer(502, "<html>Bad gateway</html>", "text/html");
    await expect(requestJson("GET", "/api/v1/x")).rejects.toMatchObject({
      status: 502,
      code: undefined,
      params: undefined,
      fieldErrors: [],
    });
  });

  it("ignores a body whose params are not an object", async () => {
    answer(409, JSON.stringify({ code: "X", params: "nope", field_errors: "nope" }));
    await expect(requestJson("GET", "/api/v1/x")).rejects.toMatchObject({
      code: "X",
      params: undefined,
      fieldErrors: [],
    });
  });

  it("asApiRequestError leaves other errors out", () => {
    expect(asApiRequestError(new Error("x"))).toBeUndefined();
    expect(asApiRequestError(undefined)).toBeUndefined();
  });
});
