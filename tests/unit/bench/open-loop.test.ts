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
    const stats = await runOpenLoop(
      100,
      200,
      async (i) => {
        if (i === 5) setTimeout(() => busy(60), 1);
        return { status: 200, body: "" };
      },
      { warmupMs: 0 },
    );
    expect(stats.requests).toBe(20);
    expect(stats.errors).toBe(0);
    // Request 6 was due 10 ms after request 5 and left about 50 ms late: its latency says so.
    expect(stats.max).toBeGreaterThanOrEqual(40);
  });

  it("warms up at the same rate without counting, then says when it starts counting", async () => {
    const sent: { i: number; counted: boolean }[] = [];
    let countingAt = -1;
    const stats = await runOpenLoop(
      200,
      100,
      async (i, counted) => {
        sent.push({ i, counted });
        // The warm-up's answers are slow; had they been counted, the maximum would show it.
        if (!counted) await new Promise((r) => setTimeout(r, 30));
        return counted ? 200 : 503;
      },
      { warmupMs: 50, counting: () => (countingAt = sent.length) },
    );
    const warm = sent.filter((s) => !s.counted);
    expect(warm.map((s) => s.i)).toEqual([...Array(10).keys()]);
    // Counting starts once every warm-up answer is in, before the first counted request leaves.
    expect(countingAt).toBe(10);
    expect(sent.slice(10).every((s) => s.counted)).toBe(true);
    expect(stats.requests).toBe(20);
    expect(stats.errors).toBe(0);
    expect(stats.statuses).toEqual({ "200": 20 });
    expect(stats.max).toBeLessThan(30);
  });

  it("counts failed requests and network errors by status", async () => {
    const stats = await runOpenLoop(
      1000,
      10,
      (i) => {
        if (i === 7) throw new Error("no socket"); // thrown before any promise
        if (i === 3) return Promise.reject(new Error("ECONNRESET"));
        return Promise.resolve(i % 2 === 0 ? { status: 200, body: "" } : 429);
      },
      { warmupMs: 0 },
    );
    expect(stats.requests).toBe(10);
    expect(stats.statuses).toEqual({ "200": 5, "429": 3, network: 2 });
    expect(stats.errors).toBe(5);
  });
});
