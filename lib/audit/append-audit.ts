import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { AuditEntityType } from "./entity-type";
import { auditHash, GENESIS_HASH } from "./hash";

export type Tx = Prisma.TransactionClient;
export type Actor = { type: "user" | "api_key" | "system"; id: string | null };
export const SYSTEM_ACTOR: Actor = { type: "system", id: null };

export type AuditInput = {
  actor: Actor;
  action: string;
  entityType: AuditEntityType;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

// Serialises writers for the length of their transaction so each entry links to the one before it.
const AUDIT_LOCK = 7_311_001;

/** Appends one entry to the hash-chained audit log. Call it inside the transaction that makes the change. */
export async function appendAudit(tx: Tx, input: AuditInput) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const seq = (last?.seq ?? 0n) + 1n;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision: what PostgreSQL stores is what we hash.
  const at = new Date(Math.floor(Date.now()));
  const data = JSON.parse(JSON.stringify(input.data ?? {}, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  const fields = {
    seq,
    at,
    actorType: input.actor.type,
    actorId: input.actor.id,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    data,
    prevHash,
  };
  return tx.auditEntry.create({ data: { ...fields, hash: auditHash(fields) } });
}
