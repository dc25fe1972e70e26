import "server-only";
import { prisma } from "@/lib/db/client";

/**
 * Everyone below a manager in the reporting tree (not the manager), following User.managerId down
 * any number of levels. UNION (not UNION ALL) stops a cycle in bad directory data from looping forever.
 */
export async function orgUserIds(managerId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE org AS (
      SELECT "id" FROM "User" WHERE "managerId" = ${managerId}
      UNION
      SELECT u."id" FROM "User" u JOIN org ON u."managerId" = org."id"
    )
    SELECT "id" FROM org WHERE "id" <> ${managerId}`;
  return rows.map((r) => r.id);
}

/** Whether `userId` sits anywhere below `managerId` in the reporting tree. */
export async function isInOrg(managerId: string, userId: string): Promise<boolean> {
  if (managerId === userId) return false;
  const rows = await prisma.$queryRaw<{ found: boolean }[]>`
    WITH RECURSIVE chain AS (
      SELECT "id", "managerId" FROM "User" WHERE "id" = ${userId}
      UNION
      SELECT u."id", u."managerId" FROM "User" u JOIN chain ON u."id" = chain."managerId"
    )
    SELECT EXISTS (SELECT 1 FROM chain WHERE "managerId" = ${managerId}) AS found`;
  return rows[0]?.found === true;
}
