// Generates one day of demo usage events (in the shape POST /api/v1/usage-events accepts), deterministically:
// the same person and day always give the same events and ids, so a re-run ingests only duplicates.
import { zonedTimeToUtc } from "@/lib/calendar";
import type { PersonSeed } from "./org-data";
import { storyCast } from "./org-data";
import { createRandom, hashString, type Random } from "./random";

export type SeedEvent = {
  id: string;
  occurredAt: string;
  user: string;
  tool: string;
  project?: string;
  activity: string;
  inputTokens: number;
  outputTokens: number;
  sessionId: string;
  source: string;
};

export type SeedGrant = { user: string; tool: string; activity: string; project: string | null; validFrom: Date; validTo: Date; revoked: boolean };

export type UsagePlan = {
  people: PersonSeed[];
  grants: SeedGrant[];
  /** events are generated before this instant only */
  anchor: Date;
  timeZone: string;
  days: number;
  /** multiplies everyone's events per day (the test profile is lighter) */
  rate: number;
  /** the anchor's local date, "YYYY-MM-DD" */
  today: string;
  /** when each person who left was deactivated: no usage from that day on */
  leftAt: Map<string, Date>;
};

const HOUR = 3_600_000;
/** The drift towards the in-house tool is measured over a fixed 90-day horizon, whatever the profile. */
const DRIFT_DAYS = 90;
const EXTERNAL: (readonly [string, number])[] = [["claude-code", 45], ["codex", 25], ["copilot", 20], ["gemini-cli", 10]];
const ALLOWED = ["workflow-config", "code-organization", "documentation", "test-infrastructure"] as const;
const MODEL_WORK = ["training-data-generation", "benchmark-design", "model-development"] as const;
const TRAINING_PROJECTS = new Set(["llm-pretraining-data", "coding-challenges"]);

/** The local date `daysAgo` days before `today`, and facts about it. */
export function dayInfo(plan: Pick<UsagePlan, "today" | "timeZone">, daysAgo: number) {
  const [y, m, d] = plan.today.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d - daysAgo));
  const iso = date.toISOString().slice(0, 10);
  const weekday = date.getUTCDay();
  return {
    iso,
    compact: iso.replace(/-/g, ""),
    dayOfMonth: date.getUTCDate(),
    sameMonthAsToday: date.getUTCMonth() === m - 1 && date.getUTCFullYear() === y,
    weekend: weekday === 0 || weekday === 6,
    start: zonedTimeToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), plan.timeZone),
  };
}

function preferredTool(person: PersonSeed): string {
  return createRandom(`tool-${person.employeeId}`).weighted(EXTERNAL);
}

type Session = { tool: string; project: string | null; activity: string; size: number; startHour: number; tokenScale?: number };

/**
 * The day's events for everyone, in time order. How many events a person has on a calendar day, and their ids,
 * depend on the date alone (never on the anchor), so a later re-run regenerates the same ids for past days; only
 * the drift towards the in-house tool is measured from the anchor, and it draws from its own per-session stream.
 */
export function generateDay(plan: UsagePlan, daysAgo: number): SeedEvent[] {
  const day = dayInfo(plan, daysAgo);
  const cast = storyCast(plan.people);
  const overCap = new Set(cast.overCap.map((p) => p.email));
  const violations = new Map(cast.violators.map((v, i) => [v.person.email, { ...v, index: i }]));
  const dayNumber = Math.floor(Date.parse(`${day.iso}T00:00:00Z`) / 86_400_000);
  const weekday = (dayNumber + 4) % 7; // 0 = Sunday
  // The lowered-cap people run a big refactoring job on the 1st of the month and every Monday.
  const burstDay = day.dayOfMonth === 1 || weekday === 1;
  const progress = Math.min(1, Math.max(0, (DRIFT_DAYS - 1 - daysAgo) / (DRIFT_DAYS - 1)));
  const pInternal = 0.12 + 0.38 * progress;
  const events: SeedEvent[] = [];

  for (const person of plan.people) {
    const left = plan.leftAt.get(person.email);
    if (left && day.start.getTime() >= left.getTime()) continue;
    const rand = createRandom(`${person.employeeId}-${day.iso}`);
    const sessions: Session[] = [];
    const absent = rand.chance(0.06);
    const mean = absent ? 0 : day.weekend ? (rand.chance(0.25) ? 5 * person.level * plan.rate : 0) : 24 * person.level * plan.rate;
    let remaining = rand.poisson(mean);
    for (let k = 0; remaining > 0; k++) {
      const size = Math.min(remaining, rand.int(2, 12));
      const startHour = 8.5 + rand.next() * 9.5;
      sessions.push(routineSession(createRandom(`${person.employeeId}-${day.iso}-${k}`), person, plan, day.start.getTime(), pInternal, size, startHour));
      remaining -= size;
    }
    const v = violations.get(person.email);
    if (v && ((dayNumber + 2 * v.index) % 9 === 0 || (!day.weekend && rand.chance(0.06)))) {
      sessions.push({ tool: v.tool, project: v.project, activity: v.activity, size: rand.int(4, 12), startHour: 9 + rand.next() * 8 });
    }
    if (overCap.has(person.email) && burstDay) {
      sessions.push({ tool: preferredTool(person), project: person.projects[0], activity: "code-organization", size: 50, startHour: 0.5, tokenScale: 10 });
    }
    sessions.forEach((s, k) => events.push(...sessionEvents(rand, person, day, s, k, plan.anchor)));
  }
  return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
}

function liveGrant(plan: UsagePlan, person: PersonSeed, at: number): SeedGrant | null {
  return plan.grants.find((g) => g.user === person.email && !g.revoked && g.validFrom.getTime() <= at && at < g.validTo.getTime()) ?? null;
}

function routineSession(rand: Random, person: PersonSeed, plan: UsagePlan, dayStart: number, pInternal: number, size: number, startHour: number): Session {
  const grant = liveGrant(plan, person, dayStart + startHour * HOUR);
  if (grant && rand.chance(0.4)) return { tool: grant.tool, project: grant.project, activity: grant.activity, size, startHour };

  const project = rand.chance(0.2) ? null : rand.pick(person.projects);
  // People on training-data projects comply: only the in-house tool touches them.
  const internal = (project !== null && TRAINING_PROJECTS.has(project)) || rand.chance(pInternal);
  if (internal) {
    const modelWork = project !== null && TRAINING_PROJECTS.has(project);
    const activity = modelWork
      ? rand.pick(MODEL_WORK)
      : rand.weighted<string>([["product-code", 40], ["workflow-config", 12], ["code-organization", 15], ["documentation", 15], ["test-infrastructure", 15], ["other", 3]]);
    return { tool: "metacode", project, activity, size, startHour };
  }
  const tool = rand.chance(0.8) ? preferredTool(person) : rand.weighted(EXTERNAL);
  return { tool, project, activity: rand.pick(ALLOWED), size, startHour };
}

function sessionEvents(rand: Random, person: PersonSeed, day: ReturnType<typeof dayInfo>, s: Session, k: number, anchor: Date): SeedEvent[] {
  const out: SeedEvent[] = [];
  let at = day.start.getTime() + s.startHour * HOUR;
  const source = s.tool === "copilot" ? "copilot-telemetry" : hashString(person.employeeId) % 3 === 0 ? "gateway-us" : "gateway-eu";
  for (let i = 0; i < s.size; i++) {
    at += rand.int(40, 420) * 1000;
    const inputTokens = rand.logNormal(18_000 * (s.tokenScale ?? 1), 0.9, 800, 900_000);
    const outputTokens = rand.logNormal(1_200 * (s.tokenScale ?? 1), 0.8, 40, 64_000);
    if (at >= anchor.getTime()) break;
    out.push({
      id: `seed-${person.employeeId}-${day.compact}-${k}-${i}`,
      occurredAt: new Date(at).toISOString(),
      user: person.email,
      tool: s.tool,
      ...(s.project ? { project: s.project } : {}),
      activity: s.activity,
      inputTokens,
      outputTokens,
      sessionId: `seed-${person.employeeId}-${day.compact}-s${k}`,
      source,
    });
  }
  return out;
}
