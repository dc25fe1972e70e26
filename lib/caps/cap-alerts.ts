import "server-only";
import type { Tx } from "@/lib/db/tx";
import { notify } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/notifications/outbox";
import type { DirectoryPerson } from "@/lib/policy/person-directory";
import type { StoredBatch } from "@/lib/usage/store-events";

// 80% and 100% alerts, once per person, period and cap each: the counter's alert80At/alert100At are claimed with a
// conditional UPDATE (so concurrent batches send one), and the notifications carry dedup keys as well.
// The external (monthly) cap alerts say that only external tools count and the in-house assistant stays open;
// an in-house or per-tool cap, where one is set, alerts on its own counter with its own wording.

type Counter = { userId: string; period: string; usedTokens: number; alert80At: string | null; alert100At: string | null; bucket?: string };

const THRESHOLDS = [
  { percent: 80, column: "alert80At", kind: "cap.80" },
  { percent: 100, column: "alert100At", kind: "cap.100" },
] as const;

type CapOfCounter = { limit: number; name: string; counts: string; atLimit: string; dedup: string };

function capOf(c: Counter, person: DirectoryPerson, toolNames: Map<string, string>): CapOfCounter | null {
  if (!c.bucket) {
    return {
      limit: person.caps.external,
      name: "external-tools token cap",
      counts: "on external tools",
      atLimit: " External tools refuse further use until the next period or a cap increase; the in-house assistant does not count toward this cap and stays available.",
      dedup: "",
    };
  }
  if (c.bucket === "in_house") {
    if (person.caps.inHouse == null) return null;
    return { limit: person.caps.inHouse, name: "in-house assistant token cap", counts: "on the in-house assistant", atLimit: " Further in-house use is refused until the next period or a cap increase.", dedup: ":in_house" };
  }
  const toolId = c.bucket.slice("tool:".length);
  const limit = person.caps.tools.get(toolId);
  if (limit == null) return null;
  const tool = toolNames.get(toolId) ?? "this tool";
  return { limit, name: `${tool} token cap`, counts: `with ${tool}`, atLimit: ` ${tool} refuses further use until the next period; other approved tools stay available.`, dedup: `:${c.bucket}` };
}

/** Sends the alerts the batch's counters crossed into. Returns how many people were alerted. */
export async function sendCapAlerts(
  tx: Tx,
  batch: Pick<StoredBatch, "caps" | "bucketCaps">,
  people: Map<string, DirectoryPerson>,
  toolNames: Map<string, string> = new Map(),
): Promise<number> {
  const counters: { table: "CapUsage" | "CapBucketUsage"; rows: Counter[] }[] = [
    { table: "CapUsage", rows: batch.caps },
    { table: "CapBucketUsage", rows: batch.bucketCaps },
  ];
  let sent = 0;
  for (const { table, rows } of counters) {
    for (const t of THRESHOLDS) {
      const due = rows.filter((c) => {
        const person = people.get(c.userId);
        const cap = person && capOf(c, person, toolNames);
        return cap && c[t.column] === null && c.usedTokens >= (cap.limit * t.percent) / 100;
      });
      if (!due.length) continue;
      const claimed = await tx.$queryRawUnsafe<{ userId: string; period: string; bucket: string | null; usedTokens: bigint | number }[]>(
        `UPDATE "${table}" c SET "${t.column}" = (now() AT TIME ZONE 'UTC')
         FROM json_to_recordset($1::json) AS k("userId" text, "period" text, "bucket" text)
         WHERE c."userId" = k."userId" AND c."period" = k."period" AND c."${t.column}" IS NULL
           ${table === "CapBucketUsage" ? `AND c."bucket" = k."bucket"` : ""}
         RETURNING c."userId", c."period", ${table === "CapBucketUsage" ? `c."bucket"` : "NULL::text AS \"bucket\""}, c."usedTokens"`,
        JSON.stringify(due.map((c) => ({ userId: c.userId, period: c.period, bucket: c.bucket ?? null }))),
      );
      for (const c of claimed) {
        const person = people.get(c.userId)!;
        const cap = capOf({ ...c, bucket: c.bucket ?? undefined, usedTokens: Number(c.usedTokens), alert80At: null, alert100At: null }, person, toolNames)!;
        const used = Number(c.usedTokens).toLocaleString("en-US");
        const limit = cap.limit.toLocaleString("en-US");
        const reached = t.percent === 100 ? "reached" : `passed ${t.percent}% of`;
        await notify(tx, {
          userId: person.id,
          kind: t.kind,
          title: `You have ${reached} your ${c.period} ${cap.name}`,
          body: `${used} of ${limit} tokens used ${cap.counts} in ${c.period}.${t.percent === 100 ? cap.atLimit : ""}`,
          link: "/",
          dedupKey: `cap${t.percent}:${person.id}:${c.period}${cap.dedup}`,
        });
        if (person.managerId) {
          await notify(tx, {
            userId: person.managerId,
            kind: t.kind,
            title: `${person.name} has ${reached} their ${c.period} ${cap.name}`,
            body: `${used} of ${limit} tokens used ${cap.counts} in ${c.period}.`,
            link: "/",
            dedupKey: `cap${t.percent}:${person.id}:${c.period}${cap.dedup}:manager`,
          });
        }
        await publishEvent(tx, {
          type: "cap.threshold",
          summary: `${person.name} has ${reached} their ${c.period} ${cap.name} (${used} of ${limit} tokens)`,
          link: "/admin/caps",
          data: { user: person.email, period: c.period, cap: c.bucket ?? "external", percent: t.percent, usedTokens: Number(c.usedTokens), capTokens: cap.limit },
        });
        sent++;
      }
    }
  }
  return sent;
}
