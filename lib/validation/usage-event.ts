import { z } from "zod";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/security/storable-text";
import { storableText } from "./text";

// One usage event as gateways send it (POST /api/v1/usage-events; README "Machine API (gateways)"). The OpenAPI document is built from this.
const tokenCount = z
  .int({ error: "must be a non-negative integer" })
  .min(0, { error: "must be a non-negative integer" })
  .max(2_147_483_647, { error: "must be at most 2147483647" });

/** Text PostgreSQL can store: no NUL, no unpaired surrogate (either would fail the whole batch's statement). */
const text = (error = "must be a string") => storableText({ required: error, nul: UNSTORABLE_TEXT_MESSAGE });

const name = (what: string) => text(`must be a string naming the ${what}`).min(1, { error: `must name the ${what}` }).max(320);

/** Events may arrive late but not from the future (a clock a day ahead is tolerated), nor from before 2000. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;
export const EARLIEST_EVENT = "2000-01-01";
const EARLIEST_EVENT_MS = Date.parse(`${EARLIEST_EVENT}T00:00:00Z`);

/** The largest cost UsageEvent.costUsd (NUMERIC(14,6)) holds. */
export const MAX_EVENT_COST_USD = 99_999_999.999999;

export const usageEventSchema = z
  .object({
    id: text().min(1, { error: "must not be empty" }).max(200).meta({ description: "Idempotency key: an id stored before is a duplicate." }),
    occurredAt: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-20T10:15:00Z" })
      // An unparseable value already has its error above; only a real date can be in the future.
      .refine((v) => Number.isNaN(Date.parse(v)) || Date.parse(v) >= EARLIEST_EVENT_MS, { error: `must not be before ${EARLIEST_EVENT}` })
      .refine((v) => Number.isNaN(Date.parse(v)) || Date.parse(v) <= Date.now() + MAX_FUTURE_MS, { error: "must not be in the future" }),
    user: name("user").meta({ description: "Email or employee id." }),
    tool: name("tool").meta({ description: "Tool slug, e.g. claude-code." }),
    project: name("project").nullish().meta({ description: "Project key, e.g. infra-ci." }),
    activity: name("activity").meta({ description: "Activity slug, e.g. test-infrastructure." }),
    inputTokens: tokenCount,
    outputTokens: tokenCount,
    costUsd: z
      .number({ error: "must be a number" })
      .min(0, { error: "must not be negative" })
      .max(MAX_EVENT_COST_USD, { error: `must be at most ${MAX_EVENT_COST_USD}` })
      .nullish().meta({ description: "Computed from the tool's prices when absent." }),
    sessionId: text().max(200).nullish(),
    source: text().max(200).nullish(),
  })
  .meta({ id: "UsageEvent" });

export type UsageEventInput = z.infer<typeof usageEventSchema>;

/** A usage event that passed usageEventSchema's bounds (only checkUsageEvent makes one). */
export type CheckedUsageEvent = UsageEventInput & { readonly __checked: true };

// Text that usageEventSchema would keep as it is: printable ASCII without spaces at the ends is NFC already, has
// no format character, NUL or surrogate, and its visible length is its length. Anything else goes through zod.
const PLAIN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const plain = (v: unknown, max: number): boolean => typeof v === "string" && v.length <= max && PLAIN.test(v);
const plainOrNull = (v: unknown, max: number): boolean => v == null || plain(v, max);
const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 2_147_483_647;
// UTC, with milliseconds (as toISOString writes it) or whole seconds (as API.md's examples).
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const KEYS = new Set(["id", "occurredAt", "user", "tool", "project", "activity", "inputTokens", "outputTokens", "costUsd", "sessionId", "source"]);

/** True only when usageEventSchema would accept the event and return it unchanged (conservative: false sends it to zod). */
function plainlyValid(e: Record<string, unknown>): boolean {
  for (const k in e) if (!KEYS.has(k)) return false;
  if (!plain(e.id, 200) || !plain(e.user, 320) || !plain(e.tool, 320) || !plain(e.activity, 320) || !plainOrNull(e.project, 320)) return false;
  if (!plainOrNull(e.sessionId, 200) || !plainOrNull(e.source, 200) || !count(e.inputTokens) || !count(e.outputTokens)) return false;
  const cost = e.costUsd;
  if (cost != null && !(typeof cost === "number" && cost >= 0 && cost <= MAX_EVENT_COST_USD)) return false;
  const at = e.occurredAt;
  if (typeof at !== "string" || !ISO_Z.test(at)) return false;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return false;
  // toISOString gives the string back only for a real calendar date; the range is the schema's.
  // Whole seconds ("…:00Z", 20 characters) compare as their milliseconds form.
  const iso = new Date(ms).toISOString();
  return iso === (at.length === 20 ? `${at.slice(0, 19)}.000Z` : at) && ms >= EARLIEST_EVENT_MS && ms <= Date.now() + MAX_FUTURE_MS;
}

/**
 * usageEventSchema's verdict, cheaply for the plain events machines send: an event that is plainly within the
 * bounds is returned as it is, anything else goes through the schema (its field errors are the answer).
 */
export function checkUsageEvent(raw: unknown): { ok: true; event: CheckedUsageEvent } | { ok: false; errors: { path: string; message: string }[] } {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && plainlyValid(raw as Record<string, unknown>)) {
    return { ok: true, event: raw as CheckedUsageEvent };
  }
  const parsed = usageEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data as CheckedUsageEvent };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(event)", message: i.message })) };
}

export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const fieldError = z.object({ path: z.string(), message: z.string() });

export const ingestResultSchema = z
  .object({
    accepted: z.int().meta({ description: "Events stored by this request." }),
    duplicates: z.int().meta({ description: "Events whose id was stored before (or earlier in this request)." }),
    rejected: z.array(z.object({ index: z.int(), id: z.string().nullable(), errors: z.array(fieldError) })),
    outcomes: z.object({ allowed: z.int(), allowed_by_grant: z.int(), over_cap: z.int(), violation: z.int() }),
  })
  .meta({ id: "IngestResult" });

export type IngestResult = z.infer<typeof ingestResultSchema>;

/** An event checkUsageEvent accepted: ingestion takes it as it is, without parsing it again. */
export class CheckedLine {
  constructor(public readonly event: CheckedUsageEvent) {}
}

/** An NDJSON line that is not JSON: reported as a rejected line, like any other bad line. */
export class UnparsableLine {
  constructor(public readonly message = "not valid JSON") {}
}
