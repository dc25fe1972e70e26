// Cap periods are calendar months in the company's time zone (COMPANY_TIME_ZONE), not rolling 30 days.

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

/** "2026-11" for the month `at` falls in, in the given time zone. */
export function capPeriod(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

/** The calendar day ("2026-11-20") `at` falls on in the given time zone. */
export function localDay(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
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

const dayCache = new Map<string, string>();

/**
 * localDay for many instants: time zone offsets are whole quarter hours, so every instant in the same
 * UTC quarter hour falls on the same local day.
 */
export function localDayFast(at: Date, timeZone: string): string {
  const key = `${timeZone}:${Math.floor(at.getTime() / 900_000)}`;
  let day = dayCache.get(key);
  if (day === undefined) {
    day = localDay(at, timeZone);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(key, day);
  }
  return day;
}
