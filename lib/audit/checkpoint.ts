import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { appendFile, mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client";
import { canonicalJson } from "./hash";
import { verifyAuditChain } from "./verify-audit";

// Audit checkpoints: the chain head (seq, hash, time) signed with Ed25519 and published outside the database
// (a JSON line appended to AUDIT_CHECKPOINT_DIR, and a webhook). Whoever can write the database can recompute
// the whole chain, but cannot forge the signature on a checkpoint someone else already holds; verifying the
// database against every published checkpoint catches the rewrite.

export const CHECKPOINT_FILE = "checkpoints.jsonl";

export type Checkpoint = { v: 1; seq: string; hash: string; at: string; keyId: string; sig: string };

/** Reads an Ed25519 private key given as PEM or as base64 of the PKCS#8 DER. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith("-----BEGIN")
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`AUDIT_SIGNING_KEY must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

/** Reads an Ed25519 public key (PEM SPKI or base64 DER), or derives it from a private key. */
export function parseVerifyKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes("PRIVATE KEY")) return createPublicKey(parseSigningKey(trimmed));
  let key: KeyObject;
  if (trimmed.startsWith("-----BEGIN")) key = createPublicKey(trimmed);
  else {
    const der = Buffer.from(trimmed, "base64");
    try {
      key = createPublicKey({ key: der, format: "der", type: "spki" });
    } catch {
      // base64 of a PKCS#8 private key, as AUDIT_SIGNING_KEY holds it
      key = createPublicKey(parseSigningKey(trimmed));
    }
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`the checkpoint key must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  return (key.type === "private" ? createPublicKey(key) : key).export({ format: "pem", type: "spki" }).toString();
}

/** First 16 hex characters of the SHA-256 of the public key's DER: tells keys apart across a rotation. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(pub.export({ format: "der", type: "spki" })).digest("hex").slice(0, 16);
}

const signedBytes = (c: Pick<Checkpoint, "v" | "seq" | "hash" | "at">) => Buffer.from(canonicalJson({ v: c.v, seq: c.seq, hash: c.hash, at: c.at }));

/** Signs the current chain head; null when the log is still empty. */
export async function signChainHead(db: PrismaClient, key: KeyObject, now = new Date()): Promise<Checkpoint | null> {
  const head = await db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (!head) return null;
  const body = { v: 1 as const, seq: head.seq.toString(), hash: head.hash, at: now.toISOString() };
  return { ...body, keyId: keyIdOf(key), sig: sign(null, signedBytes(body), key).toString("base64") };
}

/** Appends one checkpoint as a JSON line and flushes it to disk before returning. */
export async function appendCheckpoint(dir: string, checkpoint: Checkpoint): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, CHECKPOINT_FILE);
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}

export type CheckpointVerdict =
  | { ok: true; checkpoints: number; entries: number }
  | { ok: false; checkpoints: number; line: number; seq: string | null; at: string | null; reason: string };

/** Reads every checkpoint file in `dir` (*.jsonl, in name order) as [line number, text] pairs. */
export async function readCheckpointLines(dir: string): Promise<{ file: string; line: number; text: string }[]> {
  const { readdir } = await import("node:fs/promises");
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    throw e.code === "ENOENT" ? new Error(`no checkpoint directory at ${dir}`) : e;
  });
  const files = names.filter((f) => f.endsWith(".jsonl")).sort();
  const out: { file: string; line: number; text: string }[] = [];
  for (const f of files) {
    const lines = (await readFile(path.join(dir, f), "utf8")).split("\n");
    lines.forEach((text, i) => text.trim() && out.push({ file: f, line: i + 1, text }));
  }
  return out;
}

/**
 * Proves the database still matches every published checkpoint: the chain recomputes, and for each checkpoint
 * (signature valid under `publicKey`) the entry at its seq still has its hash. Names the first that does not.
 */
export async function verifyCheckpoints(db: PrismaClient, dir: string, publicKey: KeyObject): Promise<CheckpointVerdict & { file?: string }> {
  const lines = await readCheckpointLines(dir);
  const chain = await verifyAuditChain(db);
  let checked = 0;
  for (const { file, line, text } of lines) {
    const fail = (reason: string, c?: Partial<Checkpoint>) => ({ ok: false as const, checkpoints: checked, file, line, seq: c?.seq ?? null, at: c?.at ?? null, reason });
    let c: Checkpoint;
    try {
      c = JSON.parse(text) as Checkpoint;
    } catch {
      return fail("not valid JSON");
    }
    if (c.v !== 1 || typeof c.seq !== "string" || typeof c.hash !== "string" || typeof c.sig !== "string") return fail("not a checkpoint line", c);
    if (!verify(null, signedBytes(c), publicKey, Buffer.from(c.sig, "base64"))) return fail("its signature does not verify with this public key (forged, altered, or another key)", c);
    const entry = await db.auditEntry.findUnique({ where: { seq: BigInt(c.seq) }, select: { hash: true } });
    if (!entry) return fail(`the database has no audit entry #${c.seq} any more (history was truncated)`, c);
    if (entry.hash !== c.hash) return fail(`audit entry #${c.seq} no longer has the hash that was published (history was rewritten)`, c);
    if (!chain.ok && BigInt(chain.firstBrokenSeq) <= BigInt(c.seq)) return fail(`the chain is broken at entry #${chain.firstBrokenSeq}, at or before this checkpoint`, c);
    checked++;
  }
  if (!chain.ok) return { ok: false, checkpoints: checked, line: 0, seq: String(chain.firstBrokenSeq), at: null, reason: `the chain is broken at entry #${chain.firstBrokenSeq}` };
  return { ok: true, checkpoints: checked, entries: chain.entries };
}
