import { describe, expect, it } from "vitest";
import { runOpenLoop } from "../../../bench/support";

// bench/decisions.ts's open loop: a latency counts from when the request was due, so a client held up (its own
// event loop blocked, as on a loaded machine) cannot hide the delay by sending late and timing from then.
describe("the benchmarks' open loop", () => {
  it("counts a late request's delay from when it was due", async () => {
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    // 100 requests/s for 200 ms: one every 10 ms. Just after request 5 left, the client is blocked for 60 ms.
    const stats = await runOpenLoop(100, 200, async (i) => {
      if (i === 5) setTimeout(() => busy(60), 1);
      return { status: 200, body: "" };
    });
    expect(stats.requests).toBe(20);
    expect(stats.errors).toBe(0);
    // Request 6 was due 10 ms after request 5 and left about 50 ms late: its latency says so.
    expect(stats.max).toBeGreaterThanOrEqual(40);
  });
});
