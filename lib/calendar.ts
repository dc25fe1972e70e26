// The calendar: cap periods ("2026-11") are calendar months in the company's time zone (COMPANY_TIME_ZONE), not
// rolling 30 days; report days ("2026-11-20") are company-local calendar days. Day-string arithmetic is done in
// UTC so no second time-zone shift happens.

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one; ingestion calls this per event.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(at: Date, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

// The decision path and ingestion (twice per event) ask for local dates far more often than Intl answers cheaply,
// so they are memoized per zone and quarter hour (UTC) whenever the quarter's first and last millisecond fall on
// the same local date; a quarter that holds a midnight or a date-changing offset change is computed every time.
const QUARTER_HOUR_MS = 15 * 60 * 1000;
type LocalDate = { day: string; period: string };
const localDates = new Map<string, LocalDate | null>();

function computeLocalDate(at: Date, timeZone: string): LocalDate {
  const p = zonedParts(at, timeZone);
  const period = `${p.year}-${String(p.month).padStart(2, "0")}`;
  return { day: `${period}-${String(p.day).padStart(2, "0")}`, period };
}

function localDate(at: Date, timeZone: string): LocalDate {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  if (!Number.isFinite(quarter)) return computeLocalDate(at, timeZone);
  const key = `${timeZone}|${quarter}`;
  let known = localDates.get(key);
  if (known === undefined) {
    const first = computeLocalDate(new Date(quarter * QUARTER_HOUR_MS), timeZone);
    const last = computeLocalDate(new Date((quarter + 1) * QUARTER_HOUR_MS - 1), timeZone);
    known = first.day === last.day ? first : null;
    if (localDates.size >= 20_000) localDates.clear();
    localDates.set(key, known);
  }
  return known ?? computeLocalDate(at, timeZone);
}

/** "2026-11" for the month `at` falls in, in the given time zone. */
export function capPeriod(at: Date, timeZone: string): string {
  return localDate(at, timeZone).period;
}

/** The calendar day ("2026-11-20") `at` falls on in the given time zone. */
export function localDay(at: Date, timeZone: string): string {
  return localDate(at, timeZone).day;
}

/** The instant a wall-clock time in `timeZone` happens (handles DST by correcting the offset twice). */
export function zonedTimeToUtc(year: number, month: number, day: number, timeZone: string): Date {
  let guess = Date.UTC(year, month - 1, day);
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += Date.UTC(year, month - 1, day) - asUtc;
  }
  return new Date(guess);
}

/** [start, end) of a period as instants. */
export function periodBounds(period: string, timeZone: string): { start: Date; end: Date } {
  const [y, m] = period.split("-").map(Number);
  const next = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
  return { start: zonedTimeToUtc(y, m, 1, timeZone), end: zonedTimeToUtc(next.y, next.m, 1, timeZone) };
}

// ---------- Day strings ("2026-11-20"), already company-local ----------

export type Grain = "day" | "week" | "month";

const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Days from `from` to `to`, both included: a single day is 1. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
}

/** First day of the bucket `day` falls in: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(day: string, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  const weekday = new Date(toUtc(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The 1st of the month after the one `day` falls in. */
export function nextMonthStart(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

export type DayRange = { from: string; to: string };
export type WindowSplit = { months: DayRange | null; days: DayRange[] };

/**
 * Splits the closed range [from, to] into the calendar months it covers whole (`months` holds the 1st of the
 * first and of the last) and the days left over at either edge, so long windows read monthly rollups.
 */
export function splitByWholeMonths(from: string, to: string): WindowSplit {
  if (from > to) return { months: null, days: [] };
  const firstWhole = from.endsWith("-01") ? from : nextMonthStart(from);
  const afterLastWhole = nextMonthStart(to) === addDays(to, 1) ? nextMonthStart(to) : bucketStart(to, "month");
  if (firstWhole >= afterLastWhole) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= to) days.push({ from: afterLastWhole, to });
  return { months: { from: firstWhole, to: addDays(afterLastWhole, -1).slice(0, 8) + "01" }, days };
}

/** Every bucket start that overlaps [from, to], in order (so empty buckets still show as zero). */
export function listBuckets(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  let cur = bucketStart(from, grain);
  while (cur <= to) {
    out.push(cur);
    if (grain === "day") cur = addDays(cur, 1);
    else if (grain === "week") cur = addDays(cur, 7);
    else cur = nextMonthStart(cur);
  }
  return out;
}

/** The UsageDaily date range of a "2026-11" period: rollup days are calendar days in the company time zone. */
export function periodDays(period: string): { gte: Date; lt: Date } {
  const [y, m] = period.split("-").map(Number);
  return { gte: new Date(Date.UTC(y, m - 1, 1)), lt: new Date(Date.UTC(y, m, 1)) };
}
