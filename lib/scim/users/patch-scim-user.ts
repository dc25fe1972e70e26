import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/audit/append-audit";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { applyPatch, parsePatchBody, type PatchOperation } from "../apply-patch";
import { ENTERPRISE_USER_SCHEMA } from "../scim-schemas";
import { scimNotFound, uniqueness } from "../scim-error";
import { parseScimUser, scimUserSelect, toScimUser } from "../user-resource";
import { saveScimUser, uniqueViolation, visibleToScim } from "./save-scim-user";
import { getScimUser } from "./read-scim-users";

// Enterprise attributes that some clients name without their schema URN ("manager", "department").
const ENTERPRISE_ONLY = new Set(["employeenumber", "department", "manager", "costcenter", "organization", "division"]);
function toEnterprisePath(op: PatchOperation): PatchOperation {
  const head = op.path?.split(/[.[]/)[0].toLowerCase();
  if (!op.path || !head || !ENTERPRISE_ONLY.has(head)) return op;
  const value = head === "manager" && Array.isArray(op.value) ? op.value[0] : op.value;
  return { ...op, path: `${ENTERPRISE_USER_SCHEMA}:${op.path}`, ...(op.value !== undefined ? { value } : {}) };
}

/**
 * PATCH /Users/{id}: the operations are applied to the person's SCIM representation (scim-patch), and the
 * result is saved like a PUT, so every path form (name.givenName, emails[type eq "work"].value, active,
 * enterprise URN paths, no-path value objects) takes the same validated road.
 */
export async function patchScimUser(actor: Actor, id: string, body: unknown, baseUrl: string, now = new Date()) {
  const operations = parsePatchBody(body);
  try {
    await prisma.$transaction(async (tx) => {
      const row = await tx.user.findFirst({ where: { id, ...visibleToScim }, select: scimUserSelect });
      if (!row) throw scimNotFound("User", id);
      const current = toScimUser(row, baseUrl);
      const patched = applyPatch(current, operations.map(toEnterprisePath));
      const input = parseScimUser(patched, current);
      // Removing an attribute clears it (parseScimUser reads "absent" as "leave alone", which suits PUT).
      const enterprise = (patched as Record<string, unknown>)[ENTERPRISE_USER_SCHEMA] as Record<string, unknown> | undefined;
      if (row.managerId && !enterprise?.manager) input.managerId = null;
      if (row.externalId && !("externalId" in patched)) input.externalId = null;
      await saveScimUser(tx, actor, id, input, now, "scim.user.patched");
    });
  } catch (e) {
    if (uniqueViolation(e)) throw uniqueness("The change would give this person a userName, email or externalId another person has.");
    throw e;
  }
  invalidatePolicySnapshot();
  return getScimUser(id, baseUrl);
}
