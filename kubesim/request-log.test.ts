import { afterEach, describe, expect, it } from "vitest";
import { RequestLog } from "./request-log.ts";
import { startTestSim, type TestSim } from "./test/helpers.ts";

let sims: TestSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

const req = (method: string, url: string) => ({ method, url, headers: { "user-agent": "test/1" } });

describe("RequestLog", () => {
  it("splits path and query and numbers requests in arrival order", () => {
    const log = new RequestLog(10);
    log.record(req("GET", "/api/v1/nodes?limit=5"));
    log.record(req("PUT", "/apis/x/stop"));
    expect(log.since(0)).toMatchObject([
      { seq: 1, method: "GET", path: "/api/v1/nodes", query: "limit=5", user_agent: "test/1" },
      { seq: 2, method: "PUT", path: "/apis/x/stop", query: "" },
    ]);
    expect(log.since(1).map((r) => r.seq)).toEqual([2]);
  });

  it("keeps only the newest `capacity` requests, oldest first", () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i++) log.record(req("GET", `/p${i}`));
    expect(log.since(0).map((r) => r.path)).toEqual(["/p2", "/p3", "/p4"]);
    expect(log.lastSeq).toBe(5);
  });

  it("clear empties the log and seq keeps counting", () => {
    const log = new RequestLog(3);
    log.record(req("GET", "/a"));
    log.clear();
    expect(log.since(0)).toEqual([]);
    log.record(req("GET", "/b"));
    expect(log.since(0)).toMatchObject([{ seq: 2, path: "/b" }]);
  });
});

describe("GET/DELETE /_kubesim/v1/requests", () => {
  it("records API requests but not control-API calls, filters by since, and clears", async () => {
    const t = await startTestSim();
    sims.push(t);
    await t.sim.client.clearRequests();
    const before = Date.now();
    await t.core.listNode();
    await t.sim.client.state();
    await t.core.readNamespace({ name: "default" }).catch(() => undefined);
    const { requests, last_seq } = await t.sim.client.requests();
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ["GET", "/api/v1/nodes"],
      ["GET", "/api/v1/namespaces/default"],
    ]);
    expect(requests[0]?.at_ms).toBeGreaterThanOrEqual(before - 1);
    expect(last_seq).toBe(requests[1]?.seq);
    const later = await t.sim.client.requests(requests[0]?.seq);
    expect(later.requests.map((r) => r.path)).toEqual(["/api/v1/namespaces/default"]);
    await t.sim.client.clearRequests();
    expect((await t.sim.client.requests()).requests).toEqual([]);
  });
});
