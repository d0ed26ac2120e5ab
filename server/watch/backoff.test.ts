import { describe, expect, it } from "vitest";
import { watchBackoff } from "./backoff";

describe("watchBackoff", () => {
  it("follows the WATCH_BACKOFF_* settings: jittered steps from the base, doubling up to the cap", () => {
    const b = watchBackoff({ backoffBaseMs: 100, backoffMaxMs: 400, backoffResetMs: 60_000 });
    const steps = [100, 200, 400, 400];
    for (const step of steps) {
      const d = b.next();
      expect(d).toBeGreaterThanOrEqual(step / 2);
      expect(d).toBeLessThanOrEqual(step);
    }
    b.reset();
    expect(b.next()).toBeLessThanOrEqual(100);
  });
});
