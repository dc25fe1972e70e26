import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { AppError, notFound } from "@/lib/errors";
import { apiKeyPrefix, hashApiKey } from "./key-hash";
import { invalidateApiKeyCache, type ApiKeyPrincipal } from "./authenticate-api-key";

// A person's own tokens for their tools: the same key table as gateway keys (one authentication path, one cache),
// with an owner. A personal token may decide and ingest only for its owner.

export const PERSONAL_TOKEN_SCOPES = ["decide", "ingest"] as const;
const MAX_ACTIVE_TOKENS = 20;

export async function createPersonalToken(owner: { id: string }, input: { name: string }) {
  const key = `grp_${randomBytes(24).toString("base64url")}`;
  const prefix = apiKeyPrefix(key);
  const row = await prisma.$transaction(async (tx) => {
    const active = await tx.apiKey.count({ where: { ownerId: owner.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) throw new AppError("limit_reached", `You have ${active} active tokens: revoke one you no longer use first.`, 400);
    const created = await tx.apiKey.create({
      data: { name: input.name, prefix, hash: hashApiKey(key), scopes: [...PERSONAL_TOKEN_SCOPES], createdById: owner.id, ownerId: owner.id },
    });
    await appendAudit(tx, { actor: { type: "user", id: owner.id }, action: "personal_token.created", entityType: "api_key", entityId: created.id, data: { name: created.name, prefix } });
    return created;
  });
  return { id: row.id, name: row.name, prefix, key };
}

/** Revokes one of the person's own tokens; someone else's token id finds nothing. */
export async function revokePersonalToken(owner: { id: string }, id: string) {
  const revoked = await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, ownerId: owner.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw notFound("Active token");
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, prefix: true } });
    await appendAudit(tx, { actor: { type: "user", id: owner.id }, action: "personal_token.revoked", entityType: "api_key", entityId: id, data: { name: key.name, prefix: key.prefix } });
    return key;
  });
  invalidateApiKeyCache();
  return revoked;
}

export async function listPersonalTokens(ownerId: string) {
  return prisma.apiKey.findMany({
    where: { ownerId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Does this credential speak for `user` (an email or employee id)? A gateway key speaks for anyone. */
export function speaksFor(principal: Pick<ApiKeyPrincipal, "owner">, user: string): boolean {
  const owner = principal.owner;
  if (!owner) return true;
  const u = user.trim().toLowerCase();
  return u === owner.email.toLowerCase() || u === owner.employeeId.toLowerCase() || (owner.aliases?.includes(u) ?? false);
}

/** 403 when a personal token names someone other than its owner. */
export function assertSpeaksFor(principal: Pick<ApiKeyPrincipal, "owner">, user: string): void {
  if (!speaksFor(principal, user)) throw new AppError("forbidden", "A personal token speaks only for its owner: this call names someone else.", 403);
}

/** 403 when a personal token sends usage events naming someone else (checked before anything is stored). */
export function assertEventsSpeakFor(principal: Pick<ApiKeyPrincipal, "owner">, events: unknown[]): void {
  if (!principal.owner) return;
  for (const e of events) {
    const user = e && typeof e === "object" ? (e as { user?: unknown }).user : undefined;
    if (typeof user === "string" && user.trim() && !speaksFor(principal, user)) {
      throw new AppError("forbidden", `A personal token sends only its owner's usage: an event names "${user}".`, 403);
    }
  }
}
