import { describe, expect, it } from "vitest";
import {
  DEFAULT_VM_LIST_PARAMS,
  parseVmListParamsLenient,
  vmListParamsSchema,
  vmListSearchParams,
  withVmListChange,
} from "./vm-list-params";

describe("vmListParamsSchema (the API: strict)", () => {
  it("fills defaults", () => {
    expect(vmListParamsSchema.parse({})).toEqual({ sort: "name", order: "asc", page: 1, per_page: 25 });
  });

  it("reads every filter, a status list, numbers from strings", () => {
    expect(
      vmListParamsSchema.parse({
        cluster: "c1",
        namespace: " dev ",
        status: "RUNNING, FAILED,RUNNING",
        q: "web",
        sort: "created",
        order: "desc",
        page: "3",
        per_page: "100",
      }),
    ).toEqual({
      cluster: "c1",
      namespace: "dev",
      status: ["RUNNING", "FAILED"],
      q: "web",
      sort: "created",
      order: "desc",
      page: 3,
      per_page: 100,
    });
  });

  it("treats empty values as absent", () => {
    expect(vmListParamsSchema.parse({ q: "  ", status: "", namespace: "" })).toEqual(DEFAULT_VM_LIST_PARAMS);
  });

  it.each([
    ["per_page above 100", { per_page: "101" }],
    ["per_page 0", { per_page: "0" }],
    ["page 0", { page: "0" }],
    ["a fractional page", { page: "1.5" }],
    ["an unknown sort", { sort: "ip" }],
    ["an unknown order", { order: "up" }],
    ["an unknown status", { status: "RUNNING,ERROR" }],
    ["a search too long", { q: "x".repeat(101) }],
  ])("refuses %s", (_, input) => {
    expect(vmListParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe("parseVmListParamsLenient (the page)", () => {
  it("drops only the invalid fields", () => {
    expect(parseVmListParamsLenient({ q: "db", per_page: "1000", sort: "bogus", page: "2" })).toEqual({
      ...DEFAULT_VM_LIST_PARAMS,
      q: "db",
      page: 2,
    });
  });

  it("takes the first of repeated keys", () => {
    expect(parseVmListParamsLenient({ namespace: ["a", "b"] }).namespace).toBe("a");
  });
});

describe("vmListSearchParams", () => {
  it("leaves defaults out", () => {
    expect(vmListSearchParams(DEFAULT_VM_LIST_PARAMS).toString()).toBe("");
  });

  it("round-trips through the schema", () => {
    const params = vmListParamsSchema.parse({
      cluster: "c",
      status: "FAILED,PAUSED",
      q: "a b",
      sort: "status",
      order: "desc",
      page: "4",
      per_page: "50",
    });
    const text = vmListSearchParams(params).toString();
    expect(text).toBe("cluster=c&status=FAILED%2CPAUSED&q=a+b&sort=status&order=desc&page=4&per_page=50");
    expect(vmListParamsSchema.parse(Object.fromEntries(new URLSearchParams(text)))).toEqual(params);
  });
});

describe("withVmListChange", () => {
  const on3 = { ...DEFAULT_VM_LIST_PARAMS, page: 3 };
  it("goes back to page 1 when a filter or the sort changes", () => {
    expect(withVmListChange(on3, { q: "x" })).toMatchObject({ q: "x", page: 1 });
    expect(withVmListChange(on3, { sort: "created", order: "desc" }).page).toBe(1);
  });
  it("keeps the rest when only the page changes", () => {
    expect(withVmListChange({ ...on3, q: "x" }, { page: 4 })).toMatchObject({ q: "x", page: 4 });
  });
});
