import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { SetCapInput } from "@/lib/validation/cap";
import type { CapKind } from "@/lib/generated/prisma/enums";

// Role and team defaults and personal overrides, of the external (monthly), in-house or one tool's cap. One row per scope and target; changes are audited and
// reach the decision path at once in this process (and within a second elsewhere).

async function resolveTarget(input: SetCapInput) {
  if (input.scope === "role") return { role: input.target, teamId: null, userId: null, label: `role ${input.target}` };
  if (input.scope === "team") {
    const team = await prisma.team.findUnique({ where: { id: input.target }, select: { id: true, name: true } });
    if (!team) throw notFound("Team");
    return { role: null, teamId: team.id, userId: null, label: `team ${team.name}` };
  }
  const key = input.target.toLowerCase();
  const user = await prisma.user.findFirst({
    where: { OR: [{ email: { equals: key, mode: "insensitive" } }, { employeeId: { equals: input.target, mode: "insensitive" } }] },
    select: { id: true, email: true },
  });
  if (!user) throw new AppError("not_found", "No person with that email or employee id.", 404, [{ path: "target", message: "No person with that email or employee id." }]);
  return { role: null, teamId: null, userId: user.id, label: user.email };
}

/** "external" | "in_house" | "tool:<id>" → the Cap row's kind and tool, checking the tool exists. */
async function resolveCapOn(capOn = "external"): Promise<{ kind: CapKind; toolId: string | null; label: string }> {
  if (capOn === "external") return { kind: "external", toolId: null, label: "external tools" };
  if (capOn === "in_house") return { kind: "in_house", toolId: null, label: "the in-house assistant" };
  const tool = await prisma.tool.findUnique({ where: { id: capOn.slice("tool:".length) }, select: { id: true, name: true } });
  if (!tool) throw new AppError("not_found", "No such tool.", 404, [{ path: "capOn", message: "No such tool: pick one from the list." }]);
  return { kind: "tool", toolId: tool.id, label: tool.name };
}

export async function setCap(actor: Actor, input: SetCapInput) {
  const [target, on] = await Promise.all([resolveTarget(input), resolveCapOn(input.capOn)]);
  const monthlyTokens = BigInt(input.monthlyTokens);
  const cap = await prisma.$transaction(async (tx) => {
    const where = { scope: input.scope, role: target.role, teamId: target.teamId, userId: target.userId, kind: on.kind, toolId: on.toolId };
    const existing = await tx.cap.findFirst({ where, select: { id: true, monthlyTokens: true } });
    const saved = existing
      ? await tx.cap.update({ where: { id: existing.id }, data: { monthlyTokens } })
      : await tx.cap.create({ data: { ...where, monthlyTokens } });
    await appendAudit(tx, {
      actor,
      action: existing ? "cap.updated" : "cap.created",
      entityType: "cap",
      entityId: saved.id,
      data: { scope: input.scope, target: target.label, capOn: input.capOn ?? "external", monthlyTokens, previous: existing?.monthlyTokens ?? null },
    });
    return saved;
  });
  invalidatePolicySnapshot();
  return { ...cap, label: on.kind === "external" ? target.label : `${target.label} on ${on.label}` };
}

export async function removeCap(actor: Actor, id: string) {
  const removed = await prisma.$transaction(async (tx) => {
    const cap = await tx.cap.findUnique({ where: { id } });
    if (!cap) throw notFound("Cap");
    await tx.cap.delete({ where: { id } });
    await appendAudit(tx, { actor, action: "cap.removed", entityType: "cap", entityId: id, data: { scope: cap.scope, role: cap.role, teamId: cap.teamId, userId: cap.userId, kind: cap.kind, toolId: cap.toolId, monthlyTokens: cap.monthlyTokens } });
    return cap;
  });
  invalidatePolicySnapshot();
  return removed;
}
