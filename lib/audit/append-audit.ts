import "server-only";
import type { Tx } from "../db/tx";
import type { AuditEntityType } from "./entity-type";
import { auditHash, GENESIS_HASH } from "./hash";

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
  const [entry] = await chainEntries(tx, [input]);
  return tx.auditEntry.create({ data: entry });
}

/**
 * Appends several entries, chained in order, with one lock, one read and one insert: for bulk use cases (an import
 * of thousands of people) where one round trip per entry would dominate. Same transaction rule as appendAudit.
 */
export async function appendAuditEntries(tx: Tx, inputs: AuditInput[]): Promise<number> {
  if (!inputs.length) return 0;
  const { count } = await tx.auditEntry.createMany({ data: await chainEntries(tx, inputs) });
  return count;
}

async function chainEntries(tx: Tx, inputs: AuditInput[]) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0n;
  let prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision: what PostgreSQL stores is what we hash.
  const at = new Date(Math.floor(Date.now()));
  return inputs.map((input) => {
    seq += 1n;
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
    const entry = { ...fields, hash: auditHash(fields) };
    prevHash = entry.hash;
    return entry;
  });
}
