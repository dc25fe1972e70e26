import { describe, expect, it } from "vitest";
import { groupFilterToWhere, userFilterToWhere } from "@/lib/scim/filter-to-where";
import { ScimError } from "@/lib/scim/scim-error";

const insensitive = (equals: string) => ({ equals, mode: "insensitive" });

describe("SCIM filters as Prisma where clauses", () => {
  it.each([
    ['userName eq "test.user@okta.local"', { OR: [{ userNameKey: "test.user@okta.local" }, { userName: null, email: { in: ["test.user@okta.local"] } }] }],
    ['userName eq "Test.User@Okta.local"', { OR: [{ userNameKey: "test.user@okta.local" }, { userName: null, email: { in: ["Test.User@Okta.local", "test.user@okta.local"] } }] }],
    ['userName co "okta"', { OR: [{ userName: { contains: "okta", mode: "insensitive" } }, { userName: null, email: { contains: "okta", mode: "insensitive" } }] }],
    ['externalId eq "00ujl29u0le5T6Aj10h7"', { externalId: { equals: "00ujl29u0le5T6Aj10h7" } }],
    ['emails.value eq "A@x.com"', { email: { in: ["A@x.com", "a@x.com"] } }],
    ['emails.value ew "@x.com"', { email: { endsWith: "@x.com", mode: "insensitive" } }],
    // scim2-parse-filter reads attr[filter].sub as "attr[filter] and attr.sub"; everyone has one email, so that is exact.
    ['emails[type eq "work"].value eq "a@x.com"', { AND: [{}, { email: { in: ["a@x.com"] } }] }],
    ['emails[type eq "work" and value co "@x"]', { AND: [{}, { email: { contains: "@x", mode: "insensitive" } }] }],
    ["active eq false", { active: false }],
    ['name.familyName sw "Yo"', { familyName: { startsWith: "Yo", mode: "insensitive" } }],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Legal"', { department: insensitive("Legal") }],
    ['meta.lastModified gt "2026-11-01T00:00:00Z"', { updatedAt: { gt: new Date("2026-11-01T00:00:00Z") } }],
    ["title pr", { title: { not: null } }],
  ])("%s", (filter, where) => {
    expect(userFilterToWhere(filter)).toEqual(where);
  });

  it("combines and, or and not", () => {
    expect(userFilterToWhere('userName eq "a" or (active eq true and not (title pr))')).toEqual({
      OR: [
        { OR: [{ userNameKey: "a" }, { userName: null, email: { in: ["a"] } }] },
        { AND: [{ active: true }, { NOT: { title: { not: null } } }] },
      ],
    });
  });

  it("an email type other than work matches nobody", () => {
    expect(userFilterToWhere('emails[type eq "home"].value eq "a@x.com"')).toEqual({ AND: [{ id: { in: [] } }, { email: { in: ["a@x.com"] } }] });
  });

  it("groups filter by displayName, externalId and members", () => {
    expect(groupFilterToWhere('displayName eq "legal-reviewers"')).toEqual({ displayName: insensitive("legal-reviewers") });
    expect(groupFilterToWhere('members[value eq "u1"]')).toEqual({ members: { some: { userId: "u1" } } });
    expect(groupFilterToWhere('id eq "g1" and members eq "u1"')).toEqual({ AND: [{ id: { equals: "g1" } }, { members: { some: { userId: "u1" } } }] });
  });

  it.each([
    ['nickName eq "x"', /cannot be filtered by "nickName"/],
    ['userName eq', /cannot be parsed/],
    ['active eq "yes"', /true or false/],
    ['userName eq 12', /string/],
    ['meta.created gt "soon"', /date-time/],
    ['members co "x"', /only eq/],
  ])("%s is a 400 invalidFilter", (filter, message) => {
    const run = () => (filter.startsWith("members") ? groupFilterToWhere(filter) : userFilterToWhere(filter));
    expect(run).toThrow(ScimError);
    try {
      run();
    } catch (e) {
      expect(e).toMatchObject({ status: 400, scimType: "invalidFilter", detail: expect.stringMatching(message) });
    }
  });
});
