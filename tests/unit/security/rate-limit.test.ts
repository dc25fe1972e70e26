import { describe, expect, it } from "vitest";
import { parseTrustProxy, peerAddressHeader } from "@/lib/security/client-address";
import { createRateLimiter, workerShare, takeRateBudget, limitSignInRequest, signInRateKey, tooManyRequestsResponse } from "@/lib/security/rate-limit";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("token-bucket rate limiter", () => {
  it("allows a burst up to capacity, then refuses with the seconds until one token is back", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 5, refillPerSecond: 0.5, now: c.now });
    const burst = Array.from({ length: 5 }, () => limiter.take("k"));
    expect(burst.every((d) => d.allowed)).toBe(true);
    expect(burst.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 2, remaining: 0 });
    c.advance(1_999);
    expect(limiter.take("k").allowed).toBe(false);
    c.advance(1);
    expect(limiter.take("k").allowed).toBe(true);
    expect(limiter.take("k").allowed).toBe(false);
  });

  it("keeps keys apart: one noisy key does not slow another", () => {
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1, now: clock().now });
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("refills at the sustained rate and never above capacity", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 10, now: c.now });
    for (let i = 0; i < 3; i++) limiter.take("k");
    c.advance(60_000);
    const allowed = Array.from({ length: 5 }, () => limiter.take("k").allowed);
    expect(allowed).toEqual([true, true, true, false, false]);
  });

  it("over a long run lets through capacity + rate × time, no more", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 10, refillPerSecond: 2, now: c.now });
    let allowed = 0;
    for (let ms = 0; ms < 60_000; ms += 50) {
      if (limiter.take("k").allowed) allowed++;
      c.advance(50);
    }
    expect(allowed).toBeGreaterThanOrEqual(10 + 2 * 59);
    expect(allowed).toBeLessThanOrEqual(10 + 2 * 60);
  });

  it("a cost larger than one takes that many tokens", () => {
    const limiter = createRateLimiter({ capacity: 10, refillPerSecond: 1, now: clock().now });
    expect(limiter.take("k", 8).allowed).toBe(true);
    expect(limiter.take("k", 3)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
  });

  it("reset forgets a key; memory stays bounded by maxKeys", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 100, now: c.now });
    limiter.take("k");
    expect(limiter.take("k").allowed).toBe(false);
    limiter.reset("k");
    expect(limiter.take("k").allowed).toBe(true);
    for (let i = 0; i < 1_000; i++) limiter.take(`ip-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    // A key that was dropped comes back with a full bucket, which is the safe direction only for a moment:
    // the most recent keys (the attackers in a flood) are the ones kept.
    expect(limiter.take("ip-999").allowed).toBe(false);
  });

  it("past maxKeys drops the least recently used key, to within a second", () => {
    const c = clock();
    // A slow refill: no bucket is full again (and forgotten as idle) during the test.
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 3, now: c.now });
    for (const key of ["a", "b", "c"]) limiter.take(key);
    c.advance(1_000);
    expect(limiter.take("a").allowed).toBe(false); // a is now the most recent
    limiter.take("d"); // over maxKeys: b goes
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("c").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true); // forgotten, so a full bucket again

    // Within a second a key keeps its place: being used again does not move it (no Map rebuild per request).
    const busy = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2, now: c.now });
    busy.take("x");
    busy.take("y");
    c.advance(999);
    busy.take("x");
    busy.take("z"); // drops x, first in, although it was used after y
    expect(busy.take("y").allowed).toBe(false);
    expect(busy.take("x").allowed).toBe(true);
  });

  it("rejects nonsense settings", () => {
    expect(() => createRateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow();
    expect(() => createRateLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow();
  });

  it("splits a budget between the workers of one server, so together they allow about the configured rate", () => {
    expect(workerShare({ capacity: 600, refillPerSecond: 100 }, 1)).toEqual({ capacity: 600, refillPerSecond: 100 });
    expect(workerShare({ capacity: 600, refillPerSecond: 100 }, 2)).toEqual({ capacity: 300, refillPerSecond: 50 });
    expect(workerShare({ capacity: 10, refillPerSecond: 1 / 6 }, 3)).toEqual({ capacity: 4, refillPerSecond: 1 / 18 });
    expect(workerShare({ capacity: 1, refillPerSecond: 1 }, 8).capacity).toBe(1);
  });
});

describe("rate-limit helpers", () => {
  it("keys sign-in attempts by address and normalised account", () => {
    expect(signInRateKey("10.0.0.1", "  Ana@Example.com ")).toBe("10.0.0.1|ana@example.com");
    expect(signInRateKey(null, undefined)).toBe("unknown|");
  });

  it("limits sign-in posts per address and account: the 4th of a budget of 3 is a 429 with Retry-After, others are untouched", async () => {
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.1, now: clock().now });
    const post = (ip: string) => new Request("http://localhost/api/auth/callback/demo", { method: "POST", headers: { [peerAddressHeader()]: ip } });
    expect([1, 2, 3].map(() => limitSignInRequest(post("203.0.113.1"), "u-1", limiter))).toEqual([null, null, null]);
    const blocked = limitSignInRequest(post("203.0.113.1"), "U-1 ", limiter);
    expect(blocked?.status).toBe(429);
    expect(blocked?.headers.get("retry-after")).toBe("10");
    expect(limitSignInRequest(post("203.0.113.2"), "u-1", limiter)).toBeNull();
    expect(limitSignInRequest(post("203.0.113.1"), "u-2", limiter)).toBeNull();
  });

  it("a new X-Forwarded-For per attempt does not buy a new budget unless TRUST_PROXY trusts the proxy", () => {
    const post = (forwardedFor: string) =>
      new Request("http://localhost/api/auth/callback/demo", { method: "POST", headers: { [peerAddressHeader()]: "10.0.0.3", "x-forwarded-for": forwardedFor } });
    const untrusting = createRateLimiter({ capacity: 3, refillPerSecond: 0.1, now: clock().now });
    const results = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"].map((a) => limitSignInRequest(post(a), "u-1", untrusting, parseTrustProxy(undefined)));
    expect(results.map((r) => r?.status ?? null)).toEqual([null, null, null, 429]);
    // Behind one trusted proxy, the address it saw is the client's: different clients get their own budgets.
    const behindProxy = createRateLimiter({ capacity: 3, refillPerSecond: 0.1, now: clock().now });
    const proxied = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"].map((a) => limitSignInRequest(post(a), "u-1", behindProxy, parseTrustProxy("1")));
    expect(proxied).toEqual([null, null, null, null]);
  });

  it("limits API calls per key", () => {
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1, now: clock().now });
    expect(takeRateBudget("key:k1", limiter).allowed).toBe(true);
    expect(takeRateBudget("key:k1", limiter).allowed).toBe(true);
    expect(takeRateBudget("key:k1", limiter)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
    expect(takeRateBudget("key:k2", limiter).allowed).toBe(true);
  });

  it("answers 429 with Retry-After in the API error shape", async () => {
    const res = tooManyRequestsResponse({ allowed: false, retryAfterSeconds: 7, remaining: 0 });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "Too many requests; retry after 7 s.", fields: [] } });
  });
});
