import { z } from "zod";
import { defaultGrain } from "../reports/time-buckets";
import { addDays, daysInclusive, type Grain } from "@/lib/calendar";

// Report filters travel in the URL (shareable links). A hand-edited or stale link falls back to the
// defaults instead of failing, and `problems` says what was ignored.
export const RANGE_PRESETS = ["30", "90", "365", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const MAX_RANGE_DAYS = 3 * 366;

const day = z.iso.date();

export const reportQuerySchema = z.object({
  range: z.enum(RANGE_PRESETS).optional(),
  from: day.optional(),
  to: day.optional(),
  team: z.string().trim().max(64).regex(/^[A-Za-z0-9_-]*$/).optional(),
  grain: z.enum(["day", "week", "month"]).optional(),
});

export type ReportFilters = { preset: RangePreset; from: string; to: string; team: string | null; grain: Grain; problems: string[] };

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function firstValues(raw: RawParams): Record<string, string> {
  if (raw instanceof URLSearchParams) return Object.fromEntries(raw.entries());
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== "") out[k] = first;
  }
  return out;
}

/** Parses the URL's filters into a closed day range [from, to] ending `today` for presets. */
export function parseReportFilters(raw: RawParams, today: string): ReportFilters {
  const values = firstValues(raw);
  const problems: string[] = [];
  const parsed: z.infer<typeof reportQuerySchema> = {};
  for (const key of Object.keys(reportQuerySchema.shape) as (keyof typeof reportQuerySchema.shape)[]) {
    if (values[key] === undefined) continue;
    const r = reportQuerySchema.shape[key].safeParse(values[key]);
    if (r.success) Object.assign(parsed, { [key]: r.data });
    else problems.push(`Ignored an invalid "${key}" value.`);
  }
  let preset: RangePreset = parsed.range ?? (parsed.from && parsed.to ? "custom" : "90");
  let from: string;
  let to: string;
  if (preset === "custom" && parsed.from && parsed.to && parsed.from <= parsed.to && daysInclusive(parsed.from, parsed.to) <= MAX_RANGE_DAYS) {
    from = parsed.from;
    to = parsed.to;
  } else {
    if (preset === "custom") {
      problems.push(`A custom range needs a start on or before its end, at most ${MAX_RANGE_DAYS} days long; showing the last 90 days.`);
      preset = "90";
    }
    to = today;
    from = addDays(today, -(Number(preset) - 1));
  }
  return { preset, from, to, team: parsed.team || null, grain: parsed.grain ?? defaultGrain(from, to), problems };
}

/** The query string for a set of filters (what links, the picker and the CSV buttons share). */
export function reportQueryString(f: Pick<ReportFilters, "preset" | "from" | "to" | "team" | "grain">): string {
  const q = new URLSearchParams({ range: f.preset });
  if (f.preset === "custom") {
    q.set("from", f.from);
    q.set("to", f.to);
  }
  if (f.team) q.set("team", f.team);
  q.set("grain", f.grain);
  return q.toString();
}
