import "server-only";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashApiKey, type KeyScope } from "./key-hash";
import { logger } from "@/lib/logging/logger";
import { createRefreshingCache, type RefreshingCache } from "@/lib/cache/refreshing-cache";

/** `owner` is set on a personal token: it speaks only for that person. A gateway key (no owner) speaks for anyone. */
export type ApiKeyPrincipal = { id: string; name: string; scopes: string[]; owner: KeyOwner | null };
/** `aliases`: the owner's other emails (UserEmailAlias, lower-cased), which a personal token also speaks for. */
export type KeyOwner = { id: string; email: string; employeeId: string; aliases?: string[] };

type CacheEntry = { principal: ApiKeyPrincipal | null; revoked: boolean; expiresAt: number | null };

// Keys are looked up by hash; answers are kept for a few seconds so the decision path does not pay a query per
// call, and a key in use is read again in the background before its answer runs out (lib/cache/refreshing-cache.ts).
// Revoking in this process clears the cache at once; other processes follow within CACHE_MS.
const CACHE_MS = 5_000;
const REFRESH_AHEAD_MS = 1_000;
const LAST_USED_EVERY_MS = 60_000;

async function readKey(hash: string): Promise<CacheEntry> {
  const row = await prisma.apiKey.findUnique({
    where: { hash }, select: { id: true, name: true, scopes: true, revokedAt: true, expiresAt: true, owner: { select: { id: true, email: true, employeeId: true, emailAliases: { select: { email: true } } } } },
  });
  const owner = row?.owner ? { id: row.owner.id, email: row.owner.email, employeeId: row.owner.employeeId, aliases: row.owner.emailAliases.map((a) => a.email) } : null;
  return {
    principal: row ? { id: row.id, name: row.name, scopes: row.scopes, owner } : null,
    revoked: !!row?.revokedAt,
    expiresAt: row?.expiresAt?.getTime() ?? null,
  };
}

const globalKeys = globalThis as unknown as { __guardrailApiKeyCache?: { cache: RefreshingCache<string, CacheEntry>; lastUsed: Map<string, number> } };
const state = (globalKeys.__guardrailApiKeyCache ??= {
  cache: createRefreshingCache({
    ttlMs: CACHE_MS,
    refreshAheadMs: REFRESH_AHEAD_MS,
    maxEntries: 10_000,
    load: readKey,
    onRefreshError: (error) => logger.warn({ err: error }, "reading an API key again failed; its answer is kept until it runs out"),
  }),
  lastUsed: new Map(),
});

export function invalidateApiKeyCache() {
  state.cache.clear();
}

function touchLastUsed(id: string) {
  const now = Date.now();
  if (now - (state.lastUsed.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
  state.lastUsed.set(id, now);
  prisma.apiKey
    .updateMany({ where: { id, revokedAt: null }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => logger.error({ err: error, apiKeyId: id }, "updating an API key's last use failed"));
}

/** The key in `Authorization: Bearer <key>`, if it exists, is not revoked and holds `scope`. */
export async function authenticateApiKey(authorization: string | null, scope: KeyScope): Promise<ApiKeyPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthorized", "Send an API key as `Authorization: Bearer <key>`.", 401);
  const entry = await state.cache.get(hashApiKey(match[1]));
  if (!entry.principal) throw new AppError("unauthorized", "This API key is not known.", 401);
  if (entry.revoked) throw new AppError("unauthorized", "This API key has been revoked.", 401);
  // Checked against the clock on every call, so a cached entry cannot outlive the key.
  if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) throw new AppError("unauthorized", "This API key has expired.", 401);
  if (!entry.principal.scopes.includes(scope)) {
    throw new AppError("forbidden", `This API key lacks the "${scope}" scope.`, 403);
  }
  touchLastUsed(entry.principal.id);
  return entry.principal;
}
