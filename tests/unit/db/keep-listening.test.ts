import { describe, expect, it } from "vitest";
import { keepListening, type NotificationSource } from "@/lib/db/keep-listening";
import { until } from "../../support/until";

// The LISTEN lifecycle shared by the workers' memories (cap counters, unknown names), against a source driven by hand.

function recorder() {
  const events: string[] = [];
  return { events, handlers: { notify: (p: string) => events.push(`notify ${p}`), up: () => events.push("up"), down: (lost: boolean) => events.push(lost ? "lost" : "stopped") } };
}

describe("keepListening", () => {
  it("listens again after a failed attempt and after a lost connection, and stops the connection it holds", async () => {
    let attempts = 0;
    let stops = 0;
    let down: (err: unknown) => void = () => undefined;
    const source: NotificationSource = {
      async listen(onNotify, onDown) {
        attempts++;
        if (attempts === 1) throw new Error("connection refused");
        down = onDown;
        onNotify("hello");
        return { stop: async () => void stops++ };
      },
    };
    const errors: unknown[] = [];
    const r = recorder();
    const stop = keepListening(source, r.handlers, { retryMs: 1, onError: (e) => errors.push(e) });
    await until(() => r.events.includes("up"));
    expect(attempts).toBe(2);

    down(new Error("reset"));
    down(new Error("reset, told twice")); // a second report of the same loss changes nothing
    expect(r.events.filter((e) => e === "lost")).toHaveLength(1);
    expect(stops).toBe(1);
    await until(() => r.events.filter((e) => e === "up").length === 2);
    expect(attempts).toBe(3);

    await stop();
    expect(r.events.at(-1)).toBe("stopped");
    expect(stops).toBe(2);
    expect(errors).toHaveLength(2);
    expect(r.events.filter((e) => e === "notify hello")).toHaveLength(2);
  });

  it("handles a loss the source reported before its LISTEN had resolved", async () => {
    let attempts = 0;
    const source: NotificationSource = {
      async listen(_onNotify, onDown) {
        attempts++;
        if (attempts === 1) onDown(new Error("lost while connecting"));
        return { stop: async () => undefined };
      },
    };
    const r = recorder();
    const stop = keepListening(source, r.handlers, { retryMs: 1 });
    await until(() => attempts === 2 && r.events.filter((e) => e === "up").length === 2);
    expect(r.events.slice(0, 3)).toEqual(["up", "lost", "up"]);
    await stop();
  });
});
