import { beforeAll, describe, expect, it } from "vitest";
import { callMachineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createScimToken, idpBody } from "./scim-fixture";

useTestDb();
let token: string;
beforeAll(async () => {
  token = (await createScimToken()).key;
});

const SCIM_TYPE = "application/scim+json";
const SCIM = expect.stringMatching(/^application\/scim\+json/);
async function scim(method: string, path: string, body?: unknown, auth = `Bearer ${token}`) {
  const res = await callMachineApi(
    new Request(`http://localhost/scim/v2${path}`, {
      method,
      headers: { authorization: auth, "content-type": SCIM_TYPE },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    }),
  );
  return { status: res.status, type: res.headers.get("content-type"), location: res.headers.get("location"), body: res.status === 204 ? null : await res.json() };
}

describe("/scim/v2 over HTTP (the Fastify machine interface)", () => {
  it("Okta's lookup, create, replace, deactivate and group push, all application/scim+json", async () => {
    const lookup = await scim("GET", "/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100");
    expect(lookup).toMatchObject({ status: 200, type: SCIM, body: { totalResults: 0, Resources: [] } });
    const created = await scim("POST", "/Users", idpBody("okta/create-user.json"));
    expect(created).toMatchObject({ status: 201, type: SCIM, body: { userName: "test.user@okta.local" } });
    expect(created.location).toMatch(new RegExp(`/scim/v2/Users/${created.body.id}$`));
    const id = created.body.id as string;
    expect((await scim("PUT", `/Users/${id}`, idpBody("okta/replace-user.json", { "23a35c27-23d3-4c03-b4c5-6443c09e7173": id }))).body).toMatchObject({ displayName: "Another User" });
    expect((await scim("PATCH", `/Users/${id}`, idpBody("okta/deactivate-user.json"))).body).toMatchObject({ active: false });

    const group = await scim("POST", "/Groups", idpBody("okta/create-group.json"));
    expect(group.status).toBe(201);
    const patched = await scim("PATCH", `/Groups/${group.body.id}`, idpBody("okta/update-group-membership.json", { "23a35c27-23d3-4c03-b4c5-6443c09e7173": id, "89bb1940-b905-4575-9e7f-6f887cfb368e": id }));
    expect(patched).toMatchObject({ status: 204, body: null });
    expect((await scim("GET", `/Groups/${group.body.id}`)).body.members).toEqual([expect.objectContaining({ value: id })]);
    expect(await scim("DELETE", `/Groups/${group.body.id}`)).toMatchObject({ status: 204 });
  });

  it("Entra ID's Replace with string \"False\", and discovery", async () => {
    const created = await scim("POST", "/Users", idpBody("entra/create-user.json"));
    const disabled = await scim("PATCH", `/Users/${created.body.id}`, idpBody("entra/disable-user-string-false.json"));
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect((await scim("GET", "/ServiceProviderConfig")).body).toMatchObject({ patch: { supported: true }, bulk: { supported: false } });
    expect((await scim("GET", "/Schemas")).body.totalResults).toBe(3);
    expect((await scim("GET", "/ResourceTypes")).body.totalResults).toBe(2);
  });

  it("errors are SCIM error bodies with application/scim+json, never a 500", async () => {
    const err = (status: number, scimType?: string) => ({ status, type: SCIM, body: expect.objectContaining({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), ...(scimType ? { scimType } : {}) }) });
    expect(await scim("GET", "/Users", undefined, "")).toMatchObject(err(401));
    expect(await scim("GET", "/Users", undefined, "Bearer grk_nope")).toMatchObject(err(401));
    expect(await scim("GET", "/Users/00000000-0000-0000-0000-000000000000")).toMatchObject(err(404));
    expect(await scim("GET", "/Nope")).toMatchObject(err(404));
    expect(await scim("POST", "/Users", idpBody("okta/create-user.json"))).toMatchObject(err(409, "uniqueness"));
    expect(await scim("GET", '/Users?filter=userName%20zz%20"x"')).toMatchObject(err(400, "invalidFilter"));
    expect(await scim("POST", "/Users", "{not json")).toMatchObject(err(400, "invalidSyntax"));
    expect(await scim("POST", "/Users", { userName: "" })).toMatchObject(err(400, "invalidValue"));
    const user = (await scim("GET", '/Users?filter=userName%20eq%20"test.user@okta.local"')).body.Resources[0];
    expect(await scim("PATCH", `/Users/${user.id}`, { Operations: [{ op: "replace", path: 'emails[type eq "work"', value: "x" }] })).toMatchObject(err(400, "invalidPath"));
  });
});
