import { prisma } from "../db/client";
import type { PrismaClient } from "../generated/prisma/client";
import { findFirstBroken, GENESIS_HASH } from "./hash";

export type VerifyResult = { ok: true; entries: number } | { ok: false; firstBrokenSeq: number; entries: number };

/** Recomputes the whole chain in pages; names the first entry whose hash or link does not hold. */
export async function verifyAuditChain(db: PrismaClient = prisma, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let nextSeq = 1n;
  let count = 0;
  for (;;) {
    const page = await db.auditEntry.findMany({ where: { seq: { gte: nextSeq } }, orderBy: { seq: "asc" }, take: pageSize });
    if (page.length === 0) return { ok: true, entries: count };
    const broken = findFirstBroken(page, prev, nextSeq);
    if (broken !== null) return { ok: false, firstBrokenSeq: Number(broken), entries: count + page.length };
    count += page.length;
    prev = page[page.length - 1].hash;
    nextSeq = page[page.length - 1].seq + 1n;
  }
}
