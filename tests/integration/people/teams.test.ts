import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTeam, listTeams, updateTeam } from "@/lib/teams/manage-teams";
import { resolveReportScope } from "@/lib/reports/report-scope";
import { listPeople } from "@/lib/people/list-people";
import { createTeamSchema, peopleQuerySchema, updateTeamSchema } from "@/lib/validation/people";
import { useTestDb } from "../../support/test-db";

useTestDb();

let adminId: string;
const actor = () => ({ type: "user" as const, id: adminId });
const admin = () => ({ id: adminId, email: "admin@t.test", name: "Admin", roles: ["admin" as const], teamId: null, managerId: null });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

beforeAll(async () => {
  adminId = (await prisma.user.create({ data: { email: "admin@t.test", employeeId: "A", name: "Admin", roles: ["admin"] } })).id;
});

describe("teams", () => {
  it("creates teams at the top and under a parent, with audit entries, and refuses a taken slug", async () => {
    const eng = await createTeam(actor(), createTeamSchema.parse({ slug: "Eng", name: "Engineering", parentId: "" }));
    const ads = await createTeam(actor(), createTeamSchema.parse({ slug: "ads", name: "Ads", parentId: eng.id }));
    expect([eng.slug, ads.parentId]).toEqual(["eng", eng.id]);
    expect((await listTeams()).map((t) => [t.path, t.depth])).toEqual([
      ["Engineering", 0],
      ["Engineering / Ads", 1],
    ]);
    expect(await prisma.auditEntry.count({ where: { action: "team.created" } })).toBe(2);
    expect((await errorOf(createTeam(actor(), { slug: "ads", name: "Again", parentId: null })))?.fields).toEqual([{ path: "slug", message: "This slug is taken." }]);
  });

  it("renames and moves a team, refuses a cycle, and the org reports follow the new tree", async () => {
    const eng = await prisma.team.findUniqueOrThrow({ where: { slug: "eng" } });
    const ads = await prisma.team.findUniqueOrThrow({ where: { slug: "ads" } });
    const platform = await createTeam(actor(), { slug: "platform", name: "Platform", parentId: null });
    const ana = await prisma.user.create({ data: { email: "ana@t.test", employeeId: "E1", name: "Ana", roles: ["engineer"], teamId: ads.id } });

    const engScope = async () => (await resolveReportScope(admin(), "eng")).scope;
    expect(await engScope()).toEqual({ kind: "users", userIds: [ana.id] });

    await updateTeam(actor(), updateTeamSchema.parse({ id: ads.id, name: "Ads & Growth", parentId: platform.id }));
    expect(await prisma.team.findUniqueOrThrow({ where: { id: ads.id } })).toMatchObject({ slug: "ads", name: "Ads & Growth", parentId: platform.id });
    expect(await prisma.auditEntry.findFirstOrThrow({ where: { action: "team.moved", entityId: ads.id } })).toMatchObject({
      data: { before: { name: "Ads", parentId: eng.id }, after: { name: "Ads & Growth", parentId: platform.id } },
    });
    expect(await engScope()).toEqual({ kind: "users", userIds: [] });
    expect((await resolveReportScope(admin(), "platform")).scope).toEqual({ kind: "users", userIds: [ana.id] });
    expect((await listPeople("all", peopleQuerySchema.parse({ team: "platform" }))).rows.map((r) => r.name)).toEqual(["Ana"]);

    // Platform under its own subteam Ads would loop; so would a team under itself.
    const loop = await errorOf(updateTeam(actor(), { id: platform.id, name: "Platform", parentId: ads.id }));
    expect(loop?.fields).toEqual([{ path: "parentId", message: "This team is inside the one you are moving." }]);
    expect((await errorOf(updateTeam(actor(), { id: ads.id, name: "Ads", parentId: ads.id })))?.fields[0].path).toBe("parentId");

    // a rename in place is "team.renamed"; saving it unchanged writes nothing
    await updateTeam(actor(), { id: ads.id, name: "Ads", parentId: platform.id });
    await updateTeam(actor(), { id: ads.id, name: "Ads", parentId: platform.id });
    expect(await prisma.auditEntry.count({ where: { action: "team.renamed", entityId: ads.id } })).toBe(1);
  });
});
