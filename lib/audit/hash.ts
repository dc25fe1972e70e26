import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type AuditFields = {
  seq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  prevHash: string;
};

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(e: AuditFields): string {
  const body = canonicalJson({
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
  });
  return createHash("sha256").update(e.prevHash).update("\n").update(body).digest("hex");
}

/** Recomputes a chain in order; returns the seq of the first entry whose hash or link is wrong. */
export function findFirstBroken(entries: (AuditFields & { hash: string })[], expectedPrev = GENESIS_HASH, expectedSeq?: bigint): bigint | null {
  let prev = expectedPrev;
  let nextSeq = expectedSeq;
  for (const e of entries) {
    if (e.prevHash !== prev || (nextSeq !== undefined && e.seq !== nextSeq) || auditHash(e) !== e.hash) return e.seq;
    prev = e.hash;
    nextSeq = e.seq + 1n;
  }
  return null;
}
