import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

// Server-side records of signed-in sessions. The session cookie is a next-auth JWT carrying the record's id
// (`sid`); the JWT alone proves only that we issued it, the record says whether it still counts.

export const sessionMaxAgeSeconds = () => Math.round(env.SESSION_MAX_AGE_HOURS * 3600);

/** Thrown while reading a session whose record ended or expired: next-auth then clears the cookie. */
export class SessionEnded extends Error {
  constructor(reason: string) {
    super(`session ended: ${reason}`);
    this.name = "SessionEnded";
  }
}

/** A new session for a person who just signed in; its id goes into the JWT. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const id = randomUUID();
  // The person's own records past their lifetime are of no further use (the table stays as small as the sign-ins).
  await prisma.authSession.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  await prisma.authSession.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds() * 1000) } });
  return id;
}

/** Throws SessionEnded unless the session `sid` of `personId` is live: not ended and within its absolute lifetime. */
export async function assertSessionLive(sid: unknown, personId: unknown, now = new Date()): Promise<void> {
  if (typeof sid !== "string" || typeof personId !== "string") throw new SessionEnded("no session record");
  const row = await prisma.authSession.findUnique({ where: { id: sid }, select: { userId: true, expiresAt: true, endedAt: true } });
  if (!row || row.userId !== personId) throw new SessionEnded("unknown session");
  if (row.endedAt) throw new SessionEnded("signed out or deactivated");
  if (row.expiresAt <= now) throw new SessionEnded("expired");
}

/** Ends one session (sign-out). Ending an ended or unknown session changes nothing. */
export async function endSession(sid: unknown, reason: "signed_out", now = new Date()): Promise<void> {
  if (typeof sid !== "string") return;
  await prisma.authSession.updateMany({ where: { id: sid, endedAt: null }, data: { endedAt: now, endReason: reason } });
}
