import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { applyPeopleImport, previewPeopleImport } from "@/lib/people/import-people";
import { useTestDb } from "../../support/test-db";

useTestDb();

let adminId: string;
const actor = () => ({ type: "user" as const, id: adminId });

beforeAll(async () => {
  const eng = await prisma.team.create({ data: { slug: "eng", name: "Engineering" } });
  await prisma.team.create({ data: { slug: "legal", name: "Legal" } });
  adminId = (await prisma.user.create({ data: { email: "admin@corp.test", employeeId: "A1", name: "Admin", roles: ["admin"] } })).id;
  await prisma.user.create({ data: { email: "boss@corp.test", employeeId: "B1", name: "Boss", roles: ["manager"], teamId: eng.id } });
  await prisma.user.create({ data: { email: "gone@corp.test", employeeId: "G1", name: "Gone", roles: ["manager"], active: false } });
});

const GOOD = [
  "email,name,team,manager email,roles",
  "ana@corp.test,Ana Lima,Engineering,boss@corp.test,engineer",
  // a manager listed after the person who reports to them, and a team named by slug
  "cy@corp.test,Cy Park,eng,dee@corp.test,engineer;manager",
  "dee@corp.test,Dee Ray,eng,boss@corp.test,manager",
  "boss@corp.test,Boss,Engineering,,manager",
].join("\n");

describe("people CSV import", () => {
  it("a dry run lists what would change and writes nothing", async () => {
    const before = await prisma.auditEntry.count();
    const result = await previewPeopleImport(GOOD);
    expect(result.issues).toEqual([]);
    expect(result.applied).toBe(false);
    expect(result.counts).toEqual({ create: 3, update: 0, unchanged: 1 });
    expect(result.changes.find((c) => c.email === "cy@corp.test")).toMatchObject({ row: 3, kind: "create", details: ["roles engineer, manager", "team Engineering", "manager dee@corp.test"] });
    expect(await prisma.user.count({ where: { email: "ana@corp.test" } })).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(before);
  });

  it("names the row and field of every bad cell, and applying such a file writes nothing", async () => {
    const bad = [
      "Email,Name,Team,Manager Email,Roles",
      "ana@corp.test,Ana Lima,Engineering,boss@corp.test,engineer",
      "not-an-email,Bad,Engineering,,engineer",
      "cy@corp.test,Cy Park,Nowhere,,wizard",
      "dee@corp.test,Dee Ray,eng,gone@corp.test,manager",
      "ana@corp.test,Ana Again,eng,,engineer",
      "eve@corp.test,Eve,eng,fay@corp.test,engineer",
      "fay@corp.test,Fay,eng,eve@corp.test,engineer",
    ].join("\n");
    const result = await applyPeopleImport(actor(), bad, "bad.csv");
    expect(result.applied).toBe(false);
    expect(result.issues).toEqual([
      { row: 3, field: "email", message: "Not an email address." },
      { row: 4, field: "roles", message: 'Unknown role "wizard": use engineer, manager, legal or admin.' },
      { row: 5, field: "manager email", message: "gone@corp.test is deactivated; choose an active manager." },
      { row: 6, field: "email", message: "ana@corp.test is also on row 2; list each person once." },
      { row: 7, field: "manager email", message: "This would make a reporting loop: eve@corp.test → fay@corp.test → eve@corp.test." },
      { row: 8, field: "manager email", message: "This would make a reporting loop: fay@corp.test → eve@corp.test → fay@corp.test." },
    ]);
    expect(await prisma.user.count({ where: { email: { in: ["ana@corp.test", "eve@corp.test"] } } })).toBe(0);
  });

  it("reports an unknown team and a missing required column", async () => {
    const team = await previewPeopleImport("email,name,team\nana@corp.test,Ana,Nowhere\n");
    expect(team.issues).toEqual([{ row: 2, field: "team", message: expect.stringContaining('No team "Nowhere"') }]);
    const header = await previewPeopleImport("email,team\nana@corp.test,eng\n");
    expect(header.issues).toEqual([{ row: 1, field: "name", message: 'The header has no "name" column.' }]);
    const cells = await previewPeopleImport("email,name\nana@corp.test,Ana,extra\n");
    expect(cells.issues).toEqual([{ row: 2, field: "(row)", message: "Expected 2 cells, found 3." }]);
  });

  it("applies in one transaction with audit entries, and the same file again changes nothing", async () => {
    const result = await applyPeopleImport(actor(), GOOD, "people.csv");
    expect(result).toMatchObject({ applied: true, issues: [], counts: { create: 3, update: 0, unchanged: 1 } });
    const cy = await prisma.user.findUniqueOrThrow({ where: { email: "cy@corp.test" }, include: { manager: true, team: true } });
    expect([cy.name, cy.roles.sort(), cy.team?.slug, cy.manager?.email, cy.employeeId, cy.active]).toEqual(["Cy Park", ["engineer", "manager"], "eng", "dee@corp.test", "cy@corp.test", true]);
    const entries = await prisma.auditEntry.findMany({ where: { action: { in: ["user.created", "people.imported"] } }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["user.created", "user.created", "user.created", "people.imported"]);
    expect(entries[3].data).toEqual({ file: "people.csv", create: 3, update: 0, unchanged: 1 });
    expect(entries[0].data).toMatchObject({ source: "csv_import", file: "people.csv", row: 2, email: "ana@corp.test" });

    const auditCount = await prisma.auditEntry.count();
    const again = await applyPeopleImport(actor(), GOOD, "people.csv");
    expect(again).toMatchObject({ applied: true, counts: { create: 0, update: 0, unchanged: 4 } });
    expect(await prisma.auditEntry.count()).toBe(auditCount);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("updates what differs, keeps columns the file leaves out, and clears an empty manager", async () => {
    const result = await applyPeopleImport(actor(), "email,name,manager email\nana@corp.test,Ana Lima-Souza,\ncy@corp.test,Cy Park,dee@corp.test\n", "fix.csv");
    expect(result.counts).toEqual({ create: 0, update: 1, unchanged: 1 });
    expect(result.changes[0].details).toEqual(['name "Ana Lima" → "Ana Lima-Souza"', "manager boss@corp.test → none"]);
    const ana = await prisma.user.findUniqueOrThrow({ where: { email: "ana@corp.test" }, include: { team: true } });
    // roles and team were not in the file: they stay
    expect([ana.name, ana.managerId, ana.roles, ana.team?.slug]).toEqual(["Ana Lima-Souza", null, ["engineer"], "eng"]);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "user.updated", entityId: ana.id } });
    expect(audit.data).toMatchObject({ source: "csv_import", file: "fix.csv", row: 2 });
  });

  it("reads quoted cells, a byte-order mark and blank lines as spreadsheets write them", async () => {
    const result = await previewPeopleImport('\uFEFFemail,name,roles\r\n\r\n"gil@corp.test","Gil, Jr.","engineer, legal"\r\n');
    expect(result.issues).toEqual([]);
    expect(result.changes).toEqual([{ row: 3, email: "gil@corp.test", name: "Gil, Jr.", kind: "create", details: ["roles engineer, legal"] }]);
  });
});
