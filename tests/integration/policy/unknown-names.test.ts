import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbHandle, prisma } from "@/lib/db/client";
import { listenOn } from "@/lib/db/listen";
import { env } from "@/lib/env";
import { decide } from "@/lib/policy/decide";
import { findPerson } from "@/lib/policy/person-directory";
import { invalidatePolicySnapshot, loadPersonContext, loadPolicyState } from "@/lib/policy/policy-snapshot";
import { PEOPLE_CHANNEL, startUnknownNameCache, unknownNameStats } from "@/lib/policy/unknown-names";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";

// Another process adds people (SCIM, the people import): this one learns of them within POLICY_REFRESH_MS, or at
// once when a request names them. A name that nobody has costs one look-up in the database and no refresh.

useTestDb();
let fx: GatewayFixture;
const refreshMs = env.policyRefreshMs;
beforeAll(async () => {
  fx = await createGatewayFixture();
  env.policyRefreshMs = 3_600_000; // as in production, the data in memory is reused (tests otherwise probe each time)
  await loadPolicyState({ fresh: true });
});
afterAll(() => {
  env.policyRefreshMs = refreshMs;
});

/** A person written straight to the database, as another process would: this process is not told. */
const addElsewhere = (email: string, employeeId: string) =>
  prisma.user.create({ data: { email, employeeId, name: email.split("@")[0], roles: ["engineer"], teamId: fx.team.id } });

const ask = (user: string) => decide({ user, tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" });
const known = async (name: string) => findPerson((await loadPolicyState()).directory, name) !== null;

describe("names this process does not know", () => {
  it("finds a person added a moment ago by another process, by email in any case, employee id, id or alias", async () => {
    const ana = await addElsewhere("Ana.New@example.com", "E-ANA");
    expect(await known("ana.new@example.com")).toBe(false);
    expect((await ask("ANA.NEW@EXAMPLE.COM")).decision).toBe("allow");

    await addElsewhere("bo@example.com", "E-Bo-7");
    expect((await ask("e-bo-7")).decision).toBe("allow");
    const cy = await addElsewhere("cy@example.com", "E-CY");
    expect((await loadPersonContext(cy.id))?.person.email).toBe("cy@example.com");

    await prisma.userEmailAlias.create({ data: { email: "ana.personal@gmail.com", userId: ana.id } });
    const stored = await ingestUsageEvents([usageEvent({ user: "Ana.Personal@gmail.com" })]);
    expect(stored).toMatchObject({ accepted: 1, rejected: [] });
    expect(await prisma.usageEvent.count({ where: { userId: ana.id } })).toBe(1);
  });

  it("fails closed on a name nobody has without refreshing what this process holds", async () => {
    const dee = await addElsewhere("dee@example.com", "E-DEE");
    expect((await ask("stranger@example.com")).reasons[0]?.code).toBe("unknown_user");
    // Dee was added before the stranger was asked for, yet is still unknown here: the stranger caused no refresh.
    expect(await known(dee.email)).toBe(false);

    const result = await ingestUsageEvents([usageEvent({ user: "stranger@example.com" }), usageEvent()]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toHaveLength(1);
    expect(await known(dee.email)).toBe(false);
    expect(await loadPersonContext("nobody@example.com")).toBeNull();
    expect(await known(dee.email)).toBe(false);

    // A batch that names Dee among strangers refreshes once and stores Dee's event.
    const mixed = await ingestUsageEvents([usageEvent({ user: "stranger@example.com" }), usageEvent({ user: "DEE@example.com" })]);
    expect(mixed.accepted).toBe(1);
    expect(await known(dee.email)).toBe(true);
  });
});

describe("names nobody has, remembered by this process until people change", () => {
  let stop: () => Promise<void>;
  beforeAll(async () => {
    stop = startUnknownNameCache({ listen: (onNotify, onDown) => listenOn(dbHandle(), PEOPLE_CHANNEL, onNotify, onDown) }, { retryMs: 50 });
    while (!unknownNameStats().listening) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => {
    await stop();
  });

  it("answers a name nobody has from memory, and finds the person once another process adds them", async () => {
    expect((await ask("later@example.com")).reasons[0]?.code).toBe("unknown_user");
    const { hits, misses } = unknownNameStats();
    expect((await ask("later@example.com")).reasons[0]?.code).toBe("unknown_user");
    expect(unknownNameStats()).toMatchObject({ hits: hits + 1, misses });

    await addElsewhere("later@example.com", "E-LATER");
    await expect.poll(async () => (await ask("later@example.com")).decision).toBe("allow");
  });

  it("finds a person by a new email, employee id or alias once another process sets it", async () => {
    const eve = await addElsewhere("eve@example.com", "E-EVE");
    for (const name of ["eve.new@example.com", "E-EVE-2", "eve@home.example"]) expect((await ask(name)).reasons[0]?.code).toBe("unknown_user");

    await prisma.user.update({ where: { id: eve.id }, data: { email: "eve.new@example.com" } });
    await expect.poll(async () => (await ask("eve.new@example.com")).decision).toBe("allow");
    await prisma.user.update({ where: { id: eve.id }, data: { employeeId: "E-EVE-2" } });
    await expect.poll(async () => (await ask("E-EVE-2")).decision).toBe("allow");
    await prisma.userEmailAlias.create({ data: { email: "eve@home.example", userId: eve.id } });
    await expect.poll(async () => (await ask("eve@home.example")).decision).toBe("allow");
  });

  it("finds a person this process adds at once, without waiting for the notification", async () => {
    expect((await ask("gus@example.com")).reasons[0]?.code).toBe("unknown_user");
    const gus = await prisma.user.create({ data: { email: "gus@example.com", employeeId: "E-GUS", name: "gus", roles: ["engineer"], teamId: fx.team.id } });
    // What SCIM, the people import and aliasing do after their commit: the next request reads the directory again
    // and finds them there, whatever memory holds and before any notification is handled.
    invalidatePolicySnapshot();
    expect((await ask("gus@example.com")).decision).toBe("allow");
    expect((await loadPersonContext("gus@example.com"))?.person.id).toBe(gus.id);
  });

  it("stores the events of a person added while their name was remembered as nobody's", async () => {
    const first = await ingestUsageEvents([usageEvent({ user: "fay@example.com" })]);
    expect(first.rejected).toHaveLength(1);
    const fay = await addElsewhere("fay@example.com", "E-FAY");
    await expect.poll(async () => (await ingestUsageEvents([usageEvent({ user: "fay@example.com" })])).accepted).toBe(1);
    expect(await prisma.usageEvent.count({ where: { userId: fay.id } })).toBe(1);
  });
});
