import "server-only";
import { apiErrorResponse } from "../api/api-error";
import { env } from "../env";
import { workerPart } from "../server/worker-plan";
import { requestClientAddress } from "./client-address";

// An in-memory token bucket per key (an API key id, or "ip|account" for sign-in). Each key holds up to
// `capacity` tokens and regains `refillPerSecond`; a request takes one. Memory is bounded: buckets that
// have refilled completely are forgotten, and the oldest are dropped past `maxKeys`.
//
// It is per process. The workers of one `npm start` split each budget between them (connections are dealt
// round-robin, so together they allow about the configured rate); behind N separate app servers a client gets
// up to N times the budget. That is acceptable for brute-force and runaway-gateway protection; a shared store
// would be needed for exact global quotas.

export type RateLimitDecision = { allowed: boolean; retryAfterSeconds: number; remaining: number };

export type RateLimiterOptions = {
  /** burst size: requests allowed at once from a full bucket */
  capacity: number;
  /** sustained rate */
  refillPerSecond: number;
  /** most keys tracked at once (default 50,000) */
  maxKeys?: number;
  /** clock in milliseconds, for tests */
  now?: () => number;
};

type Bucket = { tokens: number; at: number; movedAt: number };

// How stale the Map's recency order may be. Moving a key to the end is a delete and a set, and a delete and a set
// on every request make V8 rebuild a long-lived Map's table every few requests, in the old generation, where only
// full collections free the old tables (a ninth of what a worker promoted under the decision benchmark).
const RECENCY_GRAIN_MS = 1_000;

export type RateLimiter = {
  /** Takes `cost` tokens from `key`'s bucket when it has them. */
  take(key: string, cost?: number): RateLimitDecision;
  /** Forgets a key (e.g. after a successful sign-in). */
  reset(key: string): void;
  /** How many keys are tracked now. */
  size(): number;
};

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { capacity, refillPerSecond } = options;
  if (!(capacity >= 1) || !(refillPerSecond > 0)) throw new Error("rate limiter: capacity must be >= 1 and refillPerSecond > 0");
  const maxKeys = options.maxKeys ?? 50_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  const fullAfterMs = (capacity / refillPerSecond) * 1000;

  function level(bucket: Bucket, t: number): number {
    return Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * refillPerSecond);
  }

  function sweep(t: number) {
    for (const [key, bucket] of buckets) {
      if (t - bucket.at >= fullAfterMs) buckets.delete(key);
    }
    // Still too many: drop the least recently touched, to within RECENCY_GRAIN_MS (Map keeps insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  }

  return {
    take(key, cost = 1) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) sweep(t);
        bucket = { tokens: capacity, at: t, movedAt: t };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = level(bucket, t);
        bucket.at = t;
        if (t - bucket.movedAt >= RECENCY_GRAIN_MS) {
          buckets.delete(key);
          buckets.set(key, bucket);
          bucket.movedAt = t;
        }
      }
      const tokens = bucket.tokens;
      if (tokens >= cost) {
        bucket.tokens = tokens - cost;
        return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(tokens - cost) };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((cost - tokens) / refillPerSecond));
      return { allowed: false, retryAfterSeconds, remaining: 0 };
    },
    reset(key) {
      buckets.delete(key);
    },
    size() {
      return buckets.size;
    },
  };
}

/** One worker's part of a budget shared by `workers` processes (a burst of at least one request). */
export function workerShare(budget: { capacity: number; refillPerSecond: number }, workers: number): { capacity: number; refillPerSecond: number } {
  return { capacity: workerPart(budget.capacity, workers), refillPerSecond: budget.refillPerSecond / Math.max(1, Math.floor(workers)) };
}

const shared = globalThis as unknown as { __guardrailLimiters?: { signIn: RateLimiter; api: RateLimiter } };

/**
 * The two limiters the app uses, one per process (kept on globalThis so dev reloads do not reset them):
 * sign-in: SIGNIN_RATE_BURST (10) attempts at once, then one per 6 s, per IP and account; API: API_RATE_BURST
 * (600) requests at once, then API_RATE_PER_SECOND (100) per second, per API key.
 */
export function appRateLimiters(): { signIn: RateLimiter; api: RateLimiter } {
  shared.__guardrailLimiters ??= {
    signIn: createRateLimiter(workerShare({ capacity: env.SIGNIN_RATE_BURST, refillPerSecond: 1 / 6 }, env.GUARDRAIL_WORKERS)),
    api: createRateLimiter(workerShare({ capacity: env.API_RATE_BURST, refillPerSecond: env.API_RATE_PER_SECOND }, env.GUARDRAIL_WORKERS)),
  };
  return shared.__guardrailLimiters;
}

/** The bucket key for a sign-in attempt: the client address and the account tried, normalised. */
export function signInRateKey(ip: string | null | undefined, account: string | null | undefined): string {
  return `${(ip ?? "unknown").trim()}|${(account ?? "").trim().toLowerCase()}`;
}

/**
 * For the next-auth route's POST (sign-in and callback posts): a 429 once an address (requestClientAddress:
 * proxy headers only as far as TRUST_PROXY says) has used its sign-in budget for the account, otherwise null. `POST = (req, ctx) => limitSignInRequest(req) ?? handler(req, ctx)`.
 */
export function limitSignInRequest(req: Request, account: string | null, limiter = appRateLimiters().signIn, trust = env.trustProxy): Response | null {
  const decision = limiter.take(signInRateKey(requestClientAddress(req.headers, trust), account));
  return decision.allowed ? null : tooManyRequestsResponse(decision);
}

/**
 * For the machine interface's auth hooks, once the caller is known: takes one request from `bucket`'s budget
 * (e.g. "key:<api key id>") on the API limiter.
 */
export function takeRateBudget(bucket: string, limiter = appRateLimiters().api): RateLimitDecision {
  return limiter.take(bucket);
}

/** A 429 in the API's error shape, with Retry-After. */
export function tooManyRequestsResponse(decision: RateLimitDecision): Response {
  return apiErrorResponse("rate_limited", `Too many requests; retry after ${decision.retryAfterSeconds} s.`, 429, [], { "Retry-After": String(decision.retryAfterSeconds) });
}
