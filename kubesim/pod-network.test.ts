// Addresses on the simulated pod network are unique: a VM started after seeding never gets an address a
// seeded VMI already holds (the seed and the controller draw from the same range).
import { describe, expect, it } from "vitest";
import { startTestSimForFile, VM, VMI, vmManifest, waitVmStatus } from "./test/helpers.ts";
import { asArray, asRecord, type KObject } from "./types.ts";

const t = startTestSimForFile({ profile: "default" });

const ipsOf = (vmi: KObject) =>
  asArray(asRecord(vmi.status).interfaces).map((i) => asRecord(i).ipAddress as string | undefined);

describe("pod network", () => {
  it("gives a newly started VMI an address no other VMI holds", async () => {
    const running = waitVmStatus(t, "default", "ip-probe", "Running");
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: "default",
      body: vmManifest("ip-probe", { runStrategy: "Always" }),
    });
    await running;
    const list = (await t.co.listClusterCustomObject({ ...VMI })) as { items: KObject[] };
    const all = list.items.flatMap(ipsOf).filter((ip): ip is string => typeof ip === "string");
    const mine = ipsOf(list.items.find((v) => v.metadata.name === "ip-probe") as KObject)[0];
    expect(mine).toMatch(/^10\.244\./);
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all).size).toBe(all.length);
  });
});
