import "server-only";
import type { Tx } from "@/lib/audit/append-audit";
import { notify } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/notifications/outbox";
import type { DirectoryPerson } from "@/lib/policy/person-directory";

// 80% and 100% alerts, once per person and period each: CapUsage.alert80At/alert100At are claimed with a
// conditional UPDATE (so concurrent batches send one), and the notifications carry dedup keys as well.

type CapRow = { userId: string; period: string; usedTokens: number; alert80At: string | null; alert100At: string | null };

const THRESHOLDS = [
  { percent: 80, column: "alert80At", kind: "cap.80" },
  { percent: 100, column: "alert100At", kind: "cap.100" },
] as const;

export async function sendCapAlerts(tx: Tx, caps: CapRow[], people: Map<string, DirectoryPerson>): Promise<number> {
  let sent = 0;
  for (const t of THRESHOLDS) {
    const due = caps.filter((c) => {
      const person = people.get(c.userId);
      return person && c[t.column] === null && c.usedTokens >= (person.monthlyCap * t.percent) / 100;
    });
    if (!due.length) continue;
    const claimed = await tx.$queryRawUnsafe<{ userId: string; period: string; usedTokens: bigint | number }[]>(
      `UPDATE "CapUsage" c SET "${t.column}" = (now() AT TIME ZONE 'UTC')
       FROM json_to_recordset($1::json) AS k("userId" text, "period" text)
       WHERE c."userId" = k."userId" AND c."period" = k."period" AND c."${t.column}" IS NULL
       RETURNING c."userId", c."period", c."usedTokens"`,
      JSON.stringify(due.map((c) => ({ userId: c.userId, period: c.period }))),
    );
    for (const c of claimed) {
      const person = people.get(c.userId)!;
      const used = Number(c.usedTokens).toLocaleString("en-US");
      const limit = person.monthlyCap.toLocaleString("en-US");
      const reached = t.percent === 100 ? "reached" : `passed ${t.percent}% of`;
      await notify(tx, {
        userId: person.id,
        kind: t.kind,
        title: `You have ${reached} your ${c.period} token cap`,
        body: `${used} of ${limit} tokens used in ${c.period}.${t.percent === 100 ? " Further use is denied until the next period or a cap increase." : ""}`,
        link: "/",
        dedupKey: `cap${t.percent}:${person.id}:${c.period}`,
      });
      if (person.managerId) {
        await notify(tx, {
          userId: person.managerId,
          kind: t.kind,
          title: `${person.name} has ${reached} their ${c.period} token cap`,
          body: `${used} of ${limit} tokens used in ${c.period}.`,
          link: "/",
          dedupKey: `cap${t.percent}:${person.id}:${c.period}:manager`,
        });
      }
      await publishEvent(tx, {
        type: "cap.threshold",
        summary: `${person.name} has ${reached} their ${c.period} token cap (${used} of ${limit} tokens)`,
        link: "/admin/caps",
        data: { user: person.email, period: c.period, percent: t.percent, usedTokens: Number(c.usedTokens), capTokens: person.monthlyCap },
      });
      sent++;
    }
  }
  return sent;
}
