import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { invalidateApiKeyCache } from "@/lib/api-keys/authenticate-api-key";
import { AppError, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";

// Email aliases: another address a tool reports for a person (a personal account, an old address). The person
// directory (lib/policy/person-directory.ts, the one resolver of decisions, ingestion, OTLP and hooks) maps an alias
// to its person, so telemetry and hook calls naming it count for them from then on. An alias is never the email
// or employee id of an existing person.

export async function listEmailAliases() {
  return prisma.userEmailAlias.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/** People an email can be aliased to, for the picker. */
export async function listAliasTargets() {
  return prisma.user.findMany({ where: { active: true }, orderBy: { email: "asc" }, select: { id: true, name: true, email: true } });
}

const field = (path: string, message: string, summary: string) => new AppError("validation_failed", summary, 400, [{ path, message }]);

/**
 * Maps `email` to the person named by `person` (their email or employee id): refused when the email is a
 * person's own (or already an alias). Clears the unmatched "user" row of that email and audits, in one transaction.
 */
export async function aliasEmailToPerson(actor: Actor, input: { email: string; person: string }) {
  const email = input.email.trim().toLowerCase();
  const key = input.person.trim();
  const created = await prisma.$transaction(async (tx) => {
    const owner = await tx.user.findFirst({
      where: { OR: [{ email: { equals: email, mode: "insensitive" } }, { employeeId: { equals: email, mode: "insensitive" } }] },
      select: { email: true },
    });
    if (owner) throw field("email", `belongs to ${owner.email}, an existing person`, "This email already belongs to a person: it cannot be an alias.");
    const taken = await tx.userEmailAlias.findUnique({ where: { email }, select: { user: { select: { email: true } } } });
    if (taken) throw field("email", `already an alias of ${taken.user.email}`, "This email is already an alias.");
    const person = await tx.user.findFirst({
      where: { OR: [{ email: { equals: key, mode: "insensitive" } }, { employeeId: { equals: key, mode: "insensitive" } }] },
      select: { id: true, email: true, active: true },
    });
    if (!person) throw field("person", `nobody is called "${key}"`, "Choose a person from the directory.");
    if (!person.active) throw field("person", `${person.email} is deactivated`, "Choose an active person.");
    const row = await tx.userEmailAlias.create({ data: { email, userId: person.id, createdById: actor.type === "user" ? actor.id : null } });
    const { count } = await tx.unmatchedTelemetry.deleteMany({ where: { kind: "user", value: { equals: email, mode: "insensitive" } } });
    await appendAudit(tx, {
      actor,
      action: "user_email_alias.created",
      entityType: "user_email_alias",
      entityId: row.id,
      data: { email, userId: person.id, person: person.email, unmatchedRowsCleared: count },
    });
    return { ...row, person: person.email };
  });
  invalidatePolicySnapshot();
  invalidateApiKeyCache();
  return created;
}

/** Removes an alias: the email is unknown again (its events are refused and show on the unmatched page). */
export async function removeEmailAlias(actor: Actor, id: string) {
  const removed = await prisma.$transaction(async (tx) => {
    const row = await tx.userEmailAlias.findUnique({ where: { id }, select: { id: true, email: true, userId: true, user: { select: { email: true } } } });
    if (!row) throw notFound("Email alias");
    await tx.userEmailAlias.delete({ where: { id } });
    await appendAudit(tx, { actor, action: "user_email_alias.removed", entityType: "user_email_alias", entityId: id, data: { email: row.email, userId: row.userId, person: row.user.email } });
    return row;
  });
  invalidatePolicySnapshot();
  invalidateApiKeyCache();
  return removed;
}
