// Pure: the authoring window of a contribution. People enter calendar days in the company time zone;
// the window is stored as UTC instants, start inclusive and end exclusive (midnight after the last day).
import { zonedTimeToUtc } from "@/lib/calendar";

export type AuthoringWindow = { start: Date; end: Date };

function dayParts(day: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a calendar day: ${day}`);
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) };
}

/** [first day 00:00, day after last day 00:00) in `timeZone`, as instants. */
export function authoringWindow(firstDay: string, lastDay: string, timeZone: string): AuthoringWindow {
  const a = dayParts(firstDay);
  const b = dayParts(lastDay);
  // Date.UTC normalises day 32 into the next month, so "the day after" needs no calendar table.
  const after = new Date(Date.UTC(b.y, b.mo - 1, b.d + 1));
  return {
    start: zonedTimeToUtc(a.y, a.mo, a.d, timeZone),
    end: zonedTimeToUtc(after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate(), timeZone),
  };
}

export function isInWindow(at: Date, window: AuthoringWindow): boolean {
  return at.getTime() >= window.start.getTime() && at.getTime() < window.end.getTime();
}

/** Events that taint a contribution: the author's external-tool usage on the project within the window. */
export function taintingEvents<E extends { userId: string; projectId: string | null; occurredAt: Date; toolKind: string }>(
  contribution: { authorId: string; projectId: string; windowStart: Date; windowEnd: Date },
  events: E[],
): E[] {
  const window = { start: contribution.windowStart, end: contribution.windowEnd };
  return events.filter(
    (e) =>
      e.toolKind === "external" &&
      e.userId === contribution.authorId &&
      e.projectId === contribution.projectId &&
      isInWindow(e.occurredAt, window),
  );
}
