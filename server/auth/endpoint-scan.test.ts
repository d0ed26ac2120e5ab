// The authorization matrix cannot miss an entry point: proven on fixtures that hold an unguarded route
// handler, an unguarded server action and an inline action.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpointMetaOf } from "./endpoint-meta";
import { exportedNames, scanEndpoints } from "./testing/endpoint-scan";

const FIXTURES = path.join(import.meta.dirname, "testing/fixtures");

describe("scanEndpoints on fixtures", () => {
  const scan = scanEndpoints(FIXTURES, "app", ["app"]);

  it("finds the unguarded route handler and the unguarded action", () => {
    expect(scan.routes).toEqual([{ file: "app/api/unguarded/route.ts", method: "GET" }]);
    expect(scan.actions).toEqual([{ file: "app/things/actions.ts", name: "deleteEverything" }]);
  });

  it("reports the inline server action", () => {
    expect(scan.problems).toEqual([expect.stringContaining("app/things/inline-action.tsx: inline")]);
  });

  it("sees no declared permission on either, which is what fails the matrix", async () => {
    const route = (await import("./testing/fixtures/app/api/unguarded/route")) as Record<string, unknown>;
    const actions = (await import("./testing/fixtures/app/things/actions")) as Record<string, unknown>;
    expect(endpointMetaOf(route.GET)).toBeUndefined();
    expect(endpointMetaOf(actions.deleteEverything)).toBeUndefined();
  });
});

describe("exportedNames", () => {
  it.each([
    ["export async function GET() {}", ["GET"]],
    ["export const POST = defineRoute({}, f);", ["POST"]],
    ["async function h() {}\nexport { h as GET, h as POST };", ["GET", "POST"]],
    ["export type { X } from './x';\nexport const a = 1;", ["a"]],
    ["export default function Page() {}", ["default"]],
  ])("%s", (source, expected) => {
    expect(exportedNames(source)).toEqual(expected);
  });
});
