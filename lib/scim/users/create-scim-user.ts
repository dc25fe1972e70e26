import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/audit/append-audit";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { uniqueness } from "../scim-error";
import { parseScimUser } from "../user-resource";
import { saveScimUser, SCIM_DELETED, uniqueViolation } from "./save-scim-user";
import { getScimUser } from "./read-scim-users";

/**
 * POST /Users. A person already in the directory with this email who is not provisioned (seeded, imported, or
 * deleted by SCIM earlier) is taken over with their history instead of duplicated; any other clash is a 409.
 */
export async function createScimUser(actor: Actor, body: unknown, baseUrl: string, now = new Date()) {
  const input = parseScimUser(body);
  let id: string;
  try {
    id = await prisma.$transaction(async (tx) => {
      const adoptable = await tx.user.findFirst({
        where: { email: input.email, OR: [{ userName: null }, { provisioningSource: SCIM_DELETED }] },
        select: { id: true },
      });
      return saveScimUser(tx, actor, adoptable?.id ?? null, input, now, adoptable ? "scim.user.linked" : "scim.user.created");
    });
  } catch (e) {
    if (uniqueViolation(e)) throw uniqueness(`A person with userName "${input.userName}" or email "${input.email}" already exists.`);
    throw e;
  }
  invalidatePolicySnapshot();
  return getScimUser(id, baseUrl);
}
