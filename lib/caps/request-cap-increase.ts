import "server-only";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notify } from "@/lib/notifications/notify";
import { loadPersonContext } from "@/lib/policy/policy-snapshot";
import type { CapIncreaseInput } from "@/lib/validation/cap";
import { capPeriod } from "@/lib/calendar";

export type CapIncreaseResult = { notified: number; currentCap: number; period: string };

/**
 * An engineer asks for a higher monthly cap. Their manager and the admins (who set caps on Admin → Token caps)
 * get an inbox message, once per person and period each; the ask is audited. Caps themselves change only
 * when an admin sets an override.
 */
export async function requestCapIncrease(person: { id: string; name: string; email: string }, input: CapIncreaseInput, now = new Date()): Promise<CapIncreaseResult> {
  const context = await loadPersonContext(person.id);
  const currentCap = context?.person.monthlyCap ?? 0;
  const period = capPeriod(now, env.COMPANY_TIME_ZONE);
  const manager = await prisma.user.findUnique({ where: { id: person.id }, select: { managerId: true } });
  return prisma.$transaction(async (tx) => {
    // Raw: Prisma's `roles: { has }` on an enum array fails on the PGlite adapter.
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "active" AND 'admin'::"Role" = ANY("roles") ORDER BY "id"`;
    const recipients = [...new Set([manager?.managerId, ...admins.map((a) => a.id)].filter((id): id is string => !!id && id !== person.id))];
    let notified = 0;
    for (const userId of recipients) {
      const sent = await notify(tx, {
        userId,
        kind: "cap.increase_requested",
        title: `Cap increase asked: ${person.name}`,
        body: `${person.name} (${person.email}) asks for a monthly cap of ${input.monthlyTokens.toLocaleString("en-US")} tokens (now ${currentCap.toLocaleString("en-US")}) for ${period}: ${input.reason}`,
        link: `/admin/caps`,
        dedupKey: `cap-increase:${person.id}:${period}:${userId}`,
      });
      if (sent) notified++;
    }
    await appendAudit(tx, {
      actor: { type: "user", id: person.id },
      action: "cap.increase_requested",
      entityType: "user",
      entityId: person.id,
      data: { period, currentCap, requested: input.monthlyTokens, reason: input.reason, notified },
    });
    return { notified, currentCap, period };
  });
}
