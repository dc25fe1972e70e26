import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/audit/append-audit";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { scimNotFound, uniqueness } from "../scim-error";
import { parseScimUser } from "../user-resource";
import { saveScimUser, uniqueViolation, visibleToScim } from "./save-scim-user";
import { getScimUser } from "./read-scim-users";

/** PUT /Users/{id}: the body replaces what SCIM manages (an absent externalId or manager is left as it is). */
export async function replaceScimUser(actor: Actor, id: string, body: unknown, baseUrl: string, now = new Date()) {
  const input = parseScimUser(body);
  try {
    await prisma.$transaction(async (tx) => {
      const existing = await tx.user.findFirst({ where: { id, ...visibleToScim }, select: { id: true } });
      if (!existing) throw scimNotFound("User", id);
      await saveScimUser(tx, actor, id, input, now, "scim.user.replaced");
    });
  } catch (e) {
    if (uniqueViolation(e)) throw uniqueness(`userName "${input.userName}" or email "${input.email}" is already used by another person.`);
    throw e;
  }
  invalidatePolicySnapshot();
  return getScimUser(id, baseUrl);
}
