import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { loadDirectory } from "@/lib/policy/policy-snapshot";
import { counterKey, readCapCounters } from "./cap-usage";

export type CapUtilization = { userId: string; name: string; email: string; used: number; reserved: number; limit: number; share: number };

/** Everything the caps page shows: the cap rows, teams and tools, and who is at 80% or more of their external-tools cap this period. */
export async function loadCapOverview(minShare = 0.8) {
  const period = capPeriod(new Date(), env.COMPANY_TIME_ZONE);
  const [caps, teams, directory, tools] = await Promise.all([
    prisma.cap.findMany({
      include: { team: { select: { name: true } }, user: { select: { name: true, email: true } }, tool: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    prisma.team.findMany({ select: { id: true, name: true, parentId: true }, orderBy: { name: "asc" } }),
    loadDirectory(),
    prisma.tool.findMany({ select: { id: true, name: true, kind: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] }),
  ]);
  const active = [...directory.byId.values()].filter((p) => p.active);
  const counters = await readCapCounters({ userIds: active.map((p) => p.id), period });
  const utilization: CapUtilization[] = [];
  for (const person of active) {
    const c = counters.get(counterKey(person.id, period));
    if (!c) continue;
    // The monthly cap counts external tools only.
    const used = c.external.used;
    const share = person.caps.external > 0 ? used / person.caps.external : 1;
    if (share < minShare) continue;
    utilization.push({ userId: person.id, name: person.name, email: person.email, used, reserved: c.external.reserved, limit: person.caps.external, share });
  }
  utilization.sort((a, b) => b.share - a.share);
  return { period, caps, teams, tools, utilization };
}
