import { describe, expect, it } from "vitest";
import { nextInstanceIndexAfter, readAdoptionLabels } from "./adoption-labels";

describe("readAdoptionLabels", () => {
  it("reads a complete label set", () => {
    expect(
      readAdoptionLabels({
        managed: true,
        system: "shop",
        service: "redis",
        instance: "07",
        ticketId: "TKT-1",
        createdBy: "alice",
        hostname: "dev-shop-redis-07",
      }),
    ).toEqual({
      ok: true,
      system: "shop",
      service: "redis",
      instance: "07",
      instanceNumber: 7,
      ticketId: "TKT-1",
      createdBy: "alice",
      hostname: "dev-shop-redis-07",
    });
  });

  it("accepts a VM without an instance label (nothing to reserve)", () => {
    expect(readAdoptionLabels({ managed: false, system: "shop", service: "api" })).toMatchObject({
      ok: true,
      instance: null,
      instanceNumber: null,
      createdBy: null,
    });
  });

  it.each([
    [{ managed: true }, "no system and service labels"],
    [{ managed: true, service: "api" }, "no system label"],
    [{ managed: true, system: "shop" }, "system label without a service label"],
    [{ managed: true, system: "Shop", service: "api" }, 'system "Shop" breaks the naming rule'],
    [{ managed: true, system: "shop", service: "a--b" }, 'service "a--b" breaks the naming rule'],
    [{ managed: true, system: "shop", service: "sixteen-chars-xx" }, "breaks the naming rule"],
    [{ managed: true, system: "shop", service: "api", instance: "x1" }, "is not a number"],
    [{ managed: true, system: "shop", service: "api", instance: "00" }, "is not a number"],
    [{ managed: true, system: "shop", service: "api", instance: "1000" }, "is not a number"],
    [{ managed: true, system: "shop", service: "api", instance: "-1" }, "is not a number"],
  ])("%j is malformed", (governance, detail) => {
    const result = readAdoptionLabels(governance);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toContain(detail);
  });
});

describe("nextInstanceIndexAfter", () => {
  it.each([
    [1, 7, 8],
    [20, 7, 20],
    [8, 7, 8],
    [5, null, 5],
  ])("index %i, instance %j → %i", (current, instance, want) => {
    expect(nextInstanceIndexAfter(current, instance)).toBe(want);
  });
});
