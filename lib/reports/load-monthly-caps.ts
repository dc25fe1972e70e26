import "server-only";
import { prisma } from "@/lib/db/client";
import { loadDirectory } from "@/lib/policy/policy-snapshot";
import type { ReportScope } from "./report-scope";

export type ScopedPerson = { id: string; name: string; email: string; teamId: string | null; cap: number; inHouseCap: number | null };

/** Active people in scope with their monthly (external-tools) cap and in-house cap, as the directory resolved them. */
export async function loadPeopleWithCaps(scope: ReportScope): Promise<ScopedPerson[]> {
  const [directory, people] = await Promise.all([
    loadDirectory(),
    prisma.user.findMany({
      where: { active: true, ...(scope.kind === "users" ? { id: { in: scope.userIds } } : {}) },
      select: { id: true, name: true, email: true, teamId: true },
    }),
  ]);
  return people.flatMap((p) => {
    const person = directory.byId.get(p.id);
    return person ? [{ ...p, cap: person.caps.external, inHouseCap: person.caps.inHouse }] : [];
  });
}
