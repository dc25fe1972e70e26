import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { isInOrg, orgUserIds } from "@/lib/org/org-tree";
import { useTestDb } from "../../support/test-db";
import { createOrgFixture } from "./org-fixture";

useTestDb();
let org: Awaited<ReturnType<typeof createOrgFixture>>;
beforeAll(async () => {
  org = await createOrgFixture();
});

describe("orgUserIds", () => {
  it("returns everyone below a manager at any depth, not the manager", async () => {
    const ids = await orgUserIds(org.top.id);
    expect(new Set(ids)).toEqual(new Set([org.mid.id, org.e1.id, org.e2.id, org.e3.id, org.gone.id]));
  });

  it("returns only the subtree of a middle manager", async () => {
    expect(new Set(await orgUserIds(org.mid.id))).toEqual(new Set([org.e1.id, org.e2.id, org.gone.id]));
  });

  it("returns nobody for a person without reports or an unknown id", async () => {
    expect(await orgUserIds(org.e1.id)).toEqual([]);
    expect(await orgUserIds("00000000-0000-0000-0000-000000000000")).toEqual([]);
  });

  it("terminates on a reporting cycle in bad directory data", async () => {
    const a = await prisma.user.create({ data: { email: "cyc-a@org.test", employeeId: "E-cyc-a", name: "Cycle A", roles: ["manager"] } });
    const b = await prisma.user.create({ data: { email: "cyc-b@org.test", employeeId: "E-cyc-b", name: "Cycle B", roles: ["manager"], managerId: a.id } });
    await prisma.user.update({ where: { id: a.id }, data: { managerId: b.id } });
    expect(await orgUserIds(a.id)).toEqual([b.id]);
    expect(await isInOrg(a.id, b.id)).toBe(true);
    expect(await isInOrg(a.id, org.e1.id)).toBe(false);
  });
});

describe("isInOrg", () => {
  it("walks up from the person to find the manager", async () => {
    expect(await isInOrg(org.top.id, org.e1.id)).toBe(true);
    expect(await isInOrg(org.mid.id, org.e1.id)).toBe(true);
    expect(await isInOrg(org.mid.id, org.e3.id)).toBe(false);
    expect(await isInOrg(org.other.id, org.e1.id)).toBe(false);
    expect(await isInOrg(org.e1.id, org.mid.id)).toBe(false);
    expect(await isInOrg(org.mid.id, org.mid.id)).toBe(false);
  });
});
