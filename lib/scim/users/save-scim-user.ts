import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { applyDirectoryRules } from "../directory-rules";
import { invalidValue, uniqueness } from "../scim-error";
import { stopPersonAccess } from "@/lib/people/stop-person-access";
import { SCIM_DEACTIVATION_REASON } from "../scim-deactivation";
import type { ScimUserInput } from "../user-resource";

export const SCIM_SOURCE = "scim";
/** Set by DELETE: the person is kept with their history but is no longer a SCIM resource. */
export const SCIM_DELETED = "scim_deleted";

/** People a SCIM client sees: everyone in the directory except those it deleted. */
export const visibleToScim: Prisma.UserWhereInput = { OR: [{ provisioningSource: null }, { provisioningSource: { not: SCIM_DELETED } }] };

const auditedFields = { id: true, email: true, employeeId: true, name: true, title: true, active: true, userName: true, externalId: true, department: true, managerId: true } as const;
type Audited = Prisma.UserGetPayload<{ select: typeof auditedFields }>;

function diff(before: Audited | null, after: Audited): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(auditedFields) as (keyof Audited)[]) {
    if (key === "id") continue;
    const from = before ? before[key] : null;
    if (from !== after[key]) out[key] = { from, to: after[key] };
  }
  return out;
}

// One query for every unique attribute; the row that clashes tells which one it was.
async function assertUnique(tx: Tx, selfId: string | null, input: ScimUserInput) {
  const key = input.userName.toLowerCase();
  const userName: Prisma.UserWhereInput = { OR: [{ userNameKey: key }, { userName: null, email: { in: [...new Set([input.userName, key])] } }] };
  const checks: [string, string, Prisma.UserWhereInput, (u: Clash) => boolean][] = [
    ["userName", input.userName, userName, (u) => u.userName?.toLowerCase() === input.userName.toLowerCase() || (!u.userName && u.email.toLowerCase() === input.userName.toLowerCase())],
    ["emails.value", input.email, { email: input.email }, (u) => u.email.toLowerCase() === input.email.toLowerCase()],
  ];
  if (input.externalId) checks.push(["externalId", input.externalId, { externalId: input.externalId }, (u) => u.externalId === input.externalId]);
  if (input.employeeNumber) checks.push(["employeeNumber", input.employeeNumber, { employeeId: input.employeeNumber }, (u) => u.employeeId === input.employeeNumber]);
  const clashes = await tx.user.findMany({
    where: { ...(selfId ? { id: { not: selfId } } : {}), OR: checks.map(([, , where]) => where) },
    select: { userName: true, email: true, externalId: true, employeeId: true },
    take: 4,
  });
  for (const [label, value, , matches] of checks) {
    if (clashes.some(matches)) throw uniqueness(`${label} "${value}" is already used by another person.`);
  }
}
type Clash = { userName: string | null; email: string; externalId: string | null; employeeId: string };

/**
 * Writes a SCIM User onto a person (a new one when `existingId` is null), in the caller's transaction:
 * uniqueness, manager, deactivation or reactivation, then roles and team from groups and department, and the
 * audit entry naming the key that made the change.
 */
export async function saveScimUser(tx: Tx, actor: Actor, existingId: string | null, input: ScimUserInput, now: Date, action: string): Promise<string> {
  await assertUnique(tx, existingId, input);
  if (input.managerId) {
    if (input.managerId === existingId) throw invalidValue("manager.value: a person cannot be their own manager.");
    const manager = await tx.user.findUnique({ where: { id: input.managerId }, select: { id: true } });
    if (!manager) throw invalidValue(`manager.value: no User has the id "${input.managerId}".`);
  }
  const before = existingId ? await tx.user.findUniqueOrThrow({ where: { id: existingId }, select: auditedFields }) : null;
  const fields = {
    userName: input.userName,
    userNameKey: input.userName.toLowerCase(),
    email: input.email,
    name: input.name,
    givenName: input.givenName,
    familyName: input.familyName,
    title: input.title,
    department: input.department,
    provisioningSource: SCIM_SOURCE,
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    ...(input.employeeNumber ? { employeeId: input.employeeNumber } : {}),
    ...(input.managerId !== undefined ? { managerId: input.managerId } : {}),
  };
  let id: string;
  if (existingId) {
    id = existingId;
    await tx.user.update({ where: { id }, data: fields });
  } else {
    id = randomUUID();
    await tx.user.create({ data: { id, employeeId: input.employeeNumber ?? `scim-${id}`, roles: ["engineer"], ...fields } });
  }

  let stopped = { revokedGrantIds: [] as string[], withdrawnRequestIds: [] as string[] };
  const wasActive = before ? before.active : true;
  if (wasActive && !input.active) stopped = await stopPersonAccess(tx, { userId: id, actor, reason: SCIM_DEACTIVATION_REASON, now });
  const { revokedGrantIds, withdrawnRequestIds } = stopped;
  if (!wasActive && input.active) await tx.user.update({ where: { id }, data: { active: true, deactivatedAt: null } });

  const directory = await applyDirectoryRules(tx, actor, [id]);
  const after = await tx.user.findUniqueOrThrow({ where: { id }, select: auditedFields });
  const changes = diff(before, after);
  if (Object.keys(changes).length || directory.length || revokedGrantIds.length || withdrawnRequestIds.length) {
    await appendAudit(tx, {
      actor,
      action,
      entityType: "user",
      entityId: id,
      data: { changes, ...(directory[0] ? { roles: directory[0].roles, teamId: directory[0].teamId } : {}), ...(revokedGrantIds.length ? { revokedGrantIds } : {}), ...(withdrawnRequestIds.length ? { withdrawnRequestIds } : {}) },
    });
  }
  return id;
}

/** A unique-index race lost to a concurrent write is the same 409 a sequential check gives. */
export function uniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === "P2002";
}
