import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyPatch, parsePatchBody } from "@/lib/scim/apply-patch";
import { ENTERPRISE_USER_SCHEMA } from "@/lib/scim/scim-schemas";
import { parseScimUser, toScimUser, type ScimUserRow } from "@/lib/scim/user-resource";

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "../../fixtures/scim", name), "utf8"));

const row: ScimUserRow = {
  id: "u1", email: "joy@contoso.com", employeeId: "E1", name: "Joy Young", title: null, active: true, userName: "jyoung@contoso.com", externalId: "jyoung",
  givenName: "Joy", familyName: "Young", department: "Legal", managerId: null, manager: null, createdAt: new Date(0), updatedAt: new Date(0),
};
const resource = () => toScimUser(row, "https://g.example.com/scim/v2");
const patchAndParse = (body: unknown) => {
  const current = resource();
  return parseScimUser(applyPatch(current, parsePatchBody(body)), current);
};

describe("PATCH bodies as Okta and Entra ID send them", () => {
  it("Entra ID: Replace emails[type eq \"work\"].value and name.familyName", () => {
    const input = patchAndParse(fixture("entra/update-user-multi-valued.json"));
    expect(input).toMatchObject({ email: "updatedemail@microsoft.com", familyName: "updatedFamilyName", givenName: "Joy", name: "Joy updatedFamilyName" });
  });

  it("Entra ID without the compliance flag: string \"False\" deactivates", () => {
    expect(patchAndParse(fixture("entra/disable-user-string-false.json")).active).toBe(false);
    expect(patchAndParse(fixture("entra/disable-user.json")).active).toBe(false);
  });

  it("Okta: replace with a no-path value object deactivates", () => {
    expect(patchAndParse(fixture("okta/deactivate-user.json")).active).toBe(false);
  });

  it("Entra ID: several Replace operations, displayName wins over the name parts, employeeNumber by URN path", () => {
    const input = patchAndParse(fixture("entra/replace-multiple-attributes.json"));
    expect(input).toMatchObject({ name: "Pvlo", givenName: "Gtfd", familyName: "Pkqf", externalId: "Eqpj", employeeNumber: "Eqpj", email: "testbcwqnm@test.microsoft.com" });
  });

  it("Entra ID with the compliance flag: dotted keys in a no-path value", () => {
    const input = patchAndParse(fixture("entra/replace-multiple-attributes-compliant.json"));
    expect(input).toMatchObject({ name: "Bjfe", givenName: "Kkom", familyName: "Unua", employeeNumber: "Aklq", email: "testmhvaes@test.microsoft.com" });
  });

  it("the enterprise manager by URN path, as a plain id or a reference", () => {
    const byString = patchAndParse({ Operations: [{ op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: "m1" }] });
    expect(byString.managerId).toBe("m1");
    const byValue = patchAndParse({ Operations: [{ op: "add", path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: "m2" } }] });
    expect(byValue.managerId).toBe("m2");
  });

  it("rejects what is not a patch with SCIM error types", () => {
    expect(() => parsePatchBody({})).toThrow(expect.objectContaining({ status: 400, scimType: "invalidSyntax" }));
    expect(() => parsePatchBody({ Operations: [{ op: "move", path: "x" }] })).toThrow(expect.objectContaining({ scimType: "invalidSyntax" }));
    expect(() => parsePatchBody({ Operations: [{ op: "remove" }] })).toThrow(expect.objectContaining({ scimType: "noTarget" }));
    expect(() => applyPatch(resource(), parsePatchBody({ Operations: [{ op: "replace", path: "emails[type eq", value: "x" }] }))).toThrow(
      expect.objectContaining({ status: 400, scimType: "invalidPath" }),
    );
  });

  it("an invalid value after the patch is a 400 invalidValue", () => {
    expect(() => patchAndParse({ Operations: [{ op: "replace", path: "active", value: "maybe" }] })).toThrow(expect.objectContaining({ status: 400, scimType: "invalidValue" }));
    expect(() => patchAndParse({ Operations: [{ op: "replace", path: "emails[type eq \"work\"].value", value: "not-an-email" }] })).toThrow(
      expect.objectContaining({ scimType: "invalidValue" }),
    );
  });
});

describe("SCIM User bodies", () => {
  it("Okta's create body: names, email, externalId; unknown attributes (password, locale) are ignored", () => {
    expect(parseScimUser(fixture("okta/create-user.json"))).toEqual({
      userName: "test.user@okta.local", externalId: "00ujl29u0le5T6Aj10h7", email: "test.user@okta.local", name: "Test User",
      givenName: "Test", familyName: "User", title: null, active: true, employeeNumber: null, department: null, managerId: undefined,
    });
  });

  it("Entra ID's create body: a userName that is not an email takes the work email", () => {
    const input = parseScimUser(fixture("entra/create-user.json"));
    expect(input).toMatchObject({ userName: "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee", email: "test_user_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com", name: "givenName familyName" });
  });

  it("userName is required; without any email address it is refused", () => {
    expect(() => parseScimUser({ emails: [] })).toThrow(expect.objectContaining({ scimType: "invalidValue", detail: expect.stringMatching(/userName/) }));
    expect(() => parseScimUser({ userName: "jdoe" })).toThrow(expect.objectContaining({ scimType: "invalidValue", detail: expect.stringMatching(/work email/) }));
  });
});
