// The change notifier's timing on a fake clock: a change after a quiet spell goes out on the next tick, changes
// close to a flush wait until the window after it, and a storm costs one notice per cluster per window.
import { describe, expect, it } from "vitest";
import type { Clock } from "../watch/clock";
import { CACHE_CHANGES_CHANNEL, ChangeNotifier } from "./change-notifier";

/** A clock whose timers fire only when the test advances time. */
function fakeClock() {
  let now = 1_000_000;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    /** Moves time forward, firing due timers in order. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await Promise.resolve();
      }
      now = until;
      await new Promise((r) => setImmediate(r));
    },
  };
}

function notifier(debounceMs = 250) {
  const time = fakeClock();
  const sent: { at: number; payload: unknown }[] = [];
  const n = new ChangeNotifier({
    debounceMs,
    clock: time.clock,
    send: async (channel, payload) => {
      expect(channel).toBe(CACHE_CHANGES_CHANNEL);
      sent.push({ at: time.clock.now(), payload: JSON.parse(payload) });
    },
  });
  return { n, sent, time };
}

describe("ChangeNotifier", () => {
  it("sends a lone change at once, with everything the same tick changed", async () => {
    const { n, sent, time } = notifier();
    n.changed("c1", "VirtualMachine", ["a"]);
    n.changed("c1", "VirtualMachineInstance", ["b"]);
    await time.advance(0);
    expect(sent).toEqual([
      {
        at: 1_000_000,
        payload: {
          cluster: "c1",
          kinds: ["VirtualMachine", "VirtualMachineInstance"],
          namespaces: ["a", "b"],
        },
      },
    ]);
  });

  it("gathers changes that follow a flush until the window after it, then sends them once", async () => {
    const { n, sent, time } = notifier();
    n.changed("c1", "VirtualMachine", ["a"]);
    await time.advance(0);
    await time.advance(50);
    n.changed("c1", "VirtualMachine", ["b"]);
    await time.advance(100);
    n.changed("c1", "VirtualMachine", ["c"]);
    n.changed("c2", "VirtualMachine", ["d"]);
    await time.advance(99);
    expect(sent).toHaveLength(1);
    await time.advance(1);
    expect(sent.slice(1)).toEqual([
      { at: 1_000_250, payload: { cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["b", "c"] } },
      { at: 1_000_250, payload: { cluster: "c2", kinds: ["VirtualMachine"], namespaces: ["d"] } },
    ]);
  });

  it("costs one notice per cluster per window in a storm", async () => {
    const { n, sent, time } = notifier();
    for (let i = 0; i < 100; i++) {
      n.changed("c1", "VirtualMachine", [`ns-${i % 3}`]);
      await time.advance(10);
    }
    await time.advance(250);
    // 1 s of changes every 10 ms: the first at once, then one per 250 ms window.
    expect(sent.map((s) => s.at - 1_000_000)).toEqual([0, 250, 500, 750, 1000]);
  });

  it("sends again at once after a quiet spell longer than the window", async () => {
    const { n, sent, time } = notifier();
    n.changed("c1", "VirtualMachine", ["a"]);
    await time.advance(0);
    await time.advance(1_000);
    n.changed("c1", "VirtualMachine", ["b"]);
    await time.advance(0);
    expect(sent.map((s) => s.at - 1_000_000)).toEqual([0, 1_000]);
  });
});
