import { beforeAll, describe, expect, it } from "vitest";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { prisma } from "@/lib/db/client";
import { assertSessionLive, endSession, SessionEnded, sessionMaxAgeSeconds, startSession } from "@/lib/auth/auth-sessions";
import { authOptions } from "@/lib/auth/options";
import { useTestDb } from "../../support/test-db";

// Finding 4 of issue 15: a session cookie kept working after sign-out and was renewed by /api/auth/session.
// Sessions now have a server-side record that sign-out, deactivation and the absolute lifetime end.
useTestDb();
const COOKIE = "next-auth.session-token";
let person: { id: string; email: string };
beforeAll(async () => {
  person = await prisma.user.create({ data: { email: "sess@example.com", employeeId: "E-SESS", name: "Sam Session", roles: ["engineer"] } });
});

/** A session cookie as next-auth issues it at sign-in, for a session record `sid`. */
const cookieFor = (sid: string | undefined) =>
  encode({ token: { sub: person.id, personId: person.id, sid, email: person.email }, secret: authOptions.secret!, maxAge: sessionMaxAgeSeconds() });

/**
 * next-auth's session read, the same code GET /api/auth/session runs (getServerSession's request/response form
 * goes through next-auth's own session route and hands us the cookies it sets).
 */
async function readSession(cookie: string) {
  let setCookies: string[] = [];
  const res = {
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? setCookies : undefined),
    setHeader: (name: string, value: string[]) => {
      if (name.toLowerCase() === "set-cookie") setCookies = value;
    },
  };
  const body = await getServerSession({ headers: {}, cookies: { [COOKIE]: cookie } } as never, res as never, authOptions);
  const sessionCookie = setCookies.find((c) => c.startsWith(`${COOKIE}=`));
  const value = sessionCookie?.slice(COOKIE.length + 1).split(";")[0];
  return { body: (body ?? {}) as Record<string, unknown>, renewed: !!value, cleared: value === "" };
}

async function thrownBy(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

describe("session records", () => {
  it("a live session is read and renewed; after sign-out the same cookie is refused and cleared, not renewed", async () => {
    const sid = await startSession(person.id);
    const cookie = await cookieFor(sid);
    const before = await readSession(cookie);
    expect(before.body.personId).toBe(person.id);
    expect(before.renewed).toBe(true);

    // What POST /api/auth/signout does with the cookie's token (next-auth's signOut event).
    await authOptions.events!.signOut!({ token: { sid, personId: person.id }, session: undefined as never });
    const after = await readSession(cookie);
    expect(after.body).toEqual({});
    expect(after.renewed).toBe(false);
    expect(after.cleared).toBe(true);
    expect(await prisma.authSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "signed_out" });
  });

  it("deactivation ends every session of the person, and reactivation does not bring them back", async () => {
    const a = await startSession(person.id);
    const b = await startSession(person.id);
    await assertSessionLive(a, person.id);
    await prisma.user.update({ where: { id: person.id }, data: { active: false } });
    await prisma.user.update({ where: { id: person.id }, data: { active: true } });
    for (const sid of [a, b]) {
      expect(await thrownBy(assertSessionLive(sid, person.id))).toBeInstanceOf(SessionEnded);
      expect((await readSession(await cookieFor(sid))).body).toEqual({});
    }
    expect(await prisma.authSession.count({ where: { id: { in: [a, b] }, endReason: "deactivated" } })).toBe(2);
    // A new sign-in works again.
    await assertSessionLive(await startSession(person.id), person.id);
  });

  it("ends at its absolute lifetime however active it is", async () => {
    const signedIn = new Date(Date.now() - 60_000);
    const sid = await startSession(person.id, signedIn);
    await assertSessionLive(sid, person.id);
    const justBefore = new Date(signedIn.getTime() + sessionMaxAgeSeconds() * 1000 - 1);
    await assertSessionLive(sid, person.id, justBefore);
    expect(await thrownBy(assertSessionLive(sid, person.id, new Date(justBefore.getTime() + 1)))).toBeInstanceOf(SessionEnded);
  });

  it("refuses cookies without a record (issued before records existed, or forged ids) and another person's record", async () => {
    expect((await readSession(await cookieFor(undefined))).body).toEqual({});
    expect((await readSession(await cookieFor("not-a-session"))).body).toEqual({});
    const other = await prisma.user.create({ data: { email: "other-sess@example.com", employeeId: "E-OSESS", name: "Other", roles: ["engineer"] } });
    expect((await readSession(await cookieFor(await startSession(other.id)))).body).toEqual({});
    await endSession("not-a-session", "signed_out");
  });
});
