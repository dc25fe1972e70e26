import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { invalidateApiKeyCache } from "@/lib/api-keys/authenticate-api-key";
import { authenticateScimToken } from "@/lib/scim/authenticate-scim-token";
import { runScimEndpoint, SCIM_ENDPOINTS, type ScimReply, type ScimRequest } from "@/lib/scim/scim-endpoints";
import { useTestDb } from "../../support/test-db";
import { createApiKey } from "../usage/gateway-fixture";
import { BASE_URL, createScimToken, idpBody } from "./scim-fixture";

useTestDb();
let token: Awaited<ReturnType<typeof createScimToken>>;
beforeAll(async () => {
  token = await createScimToken();
});

async function call(method: string, url: string, options: { body?: unknown; query?: Record<string, string> } = {}): Promise<ScimReply> {
  const [pattern, params] = route(url);
  const endpoint = SCIM_ENDPOINTS.find((e) => e.method === method && e.url === pattern);
  if (!endpoint) throw new Error(`no endpoint ${method} ${pattern}`);
  const req: ScimRequest = { params, query: options.query ?? {}, body: options.body, actor: token.actor, baseUrl: BASE_URL };
  return runScimEndpoint(endpoint, req);
}
function route(url: string): [string, Record<string, string>] {
  const [, collection, id] = url.split("/");
  return id ? [`/${collection}/:id`, { id: decodeURIComponent(id) }] : [`/${collection}`, {}];
}
const errorBody = (status: number, scimType?: string) => ({
  status,
  body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), ...(scimType ? { scimType } : {}), detail: expect.any(String) },
});

describe("SCIM endpoints", () => {
  it("discovery tells the truth: patch and filter yes, bulk, sort, etag and password changes no", async () => {
    const config = await call("GET", "/ServiceProviderConfig");
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 1000 }, bulk: { supported: false }, sort: { supported: false }, etag: { supported: false }, changePassword: { supported: false } });
    const types = (await call("GET", "/ResourceTypes")).body as { Resources: { id: string; endpoint: string }[] };
    expect(types.Resources.map((t) => [t.id, t.endpoint])).toEqual([["User", "/Users"], ["Group", "/Groups"]]);
    expect((await call("GET", "/ResourceTypes/User")).body).toMatchObject({ schema: "urn:ietf:params:scim:schemas:core:2.0:User" });
    const all = (await call("GET", "/Schemas")).body as { totalResults: number; Resources: { id: string; attributes: { name: string }[] }[] };
    expect(all.totalResults).toBe(3);
    const user = all.Resources.find((s) => s.id === "urn:ietf:params:scim:schemas:core:2.0:User")!;
    expect(user.attributes.map((a) => a.name)).toEqual(["userName", "name", "displayName", "title", "active", "emails", "groups"]);
    expect((await call("GET", `/Schemas/${encodeURIComponent("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")}`)).status).toBe(200);
    expect(await call("GET", "/Schemas/urn:nope")).toEqual(errorBody(404));
  });

  it("answers each user and group endpoint with the status clients expect", async () => {
    const created = await call("POST", "/Users", { body: idpBody("okta/create-user.json") });
    const user = created.body as { id: string };
    expect(created).toMatchObject({ status: 201, location: `${BASE_URL}/Users/${user.id}` });
    expect((await call("GET", `/Users/${user.id}`)).status).toBe(200);
    expect((await call("GET", "/Users", { query: { filter: 'userName eq "test.user@okta.local"', startIndex: "1", count: "100" } })).body).toMatchObject({ totalResults: 1 });
    expect((await call("PUT", `/Users/${user.id}`, { body: idpBody("okta/replace-user.json") })).status).toBe(200);
    expect((await call("PATCH", `/Users/${user.id}`, { body: idpBody("okta/deactivate-user.json") })).body).toMatchObject({ active: false });

    const group = await call("POST", "/Groups", { body: idpBody("entra/create-group.json") });
    expect(group.status).toBe(201);
    const groupId = (group.body as { id: string }).id;
    expect(await call("PATCH", `/Groups/${groupId}`, { body: idpBody("entra/add-members.json", { f648f8d5ea4e4cd38e9c: user.id }) })).toEqual({ status: 204 });
    expect((await call("GET", `/Groups/${groupId}`, { query: { excludedAttributes: "members" } })).body).not.toHaveProperty("members");
    expect((await call("PUT", `/Groups/${groupId}`, { body: { displayName: "renamed" } })).status).toBe(200);
    expect(await call("DELETE", `/Groups/${groupId}`)).toEqual({ status: 204 });
    expect(await call("DELETE", `/Users/${user.id}`)).toEqual({ status: 204 });
  });

  it("answers errors as SCIM error bodies: 404, 409 uniqueness, 400 invalidFilter / invalidValue / invalidPath / invalidSyntax", async () => {
    expect(await call("GET", "/Users/00000000-0000-0000-0000-000000000000")).toEqual(errorBody(404));
    expect(await call("GET", "/Groups/nope")).toEqual(errorBody(404));
    await call("POST", "/Users", { body: { userName: "dup@example.com" } });
    expect(await call("POST", "/Users", { body: { userName: "dup@example.com" } })).toEqual(errorBody(409, "uniqueness"));
    expect(await call("GET", "/Users", { query: { filter: "userName xx 1" } })).toEqual(errorBody(400, "invalidFilter"));
    expect(await call("GET", "/Groups", { query: { filter: 'nickName eq "x"' } })).toEqual(errorBody(400, "invalidFilter"));
    expect(await call("POST", "/Users", { body: { userName: "" } })).toEqual(errorBody(400, "invalidValue"));
    expect(await call("POST", "/Users", { body: null })).toEqual(errorBody(400, "invalidValue"));
    const user = (await call("GET", "/Users", { query: { filter: 'userName eq "dup@example.com"' } })).body as { Resources: { id: string }[] };
    const id = user.Resources[0].id;
    expect(await call("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "replace", path: 'emails[type eq "work"', value: "x" }] } })).toEqual(errorBody(400, "invalidPath"));
    expect(await call("PATCH", `/Users/${id}`, { body: { Operations: "replace" } })).toEqual(errorBody(400, "invalidSyntax"));
    expect(await call("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "Replace", path: "active", value: "perhaps" }] } })).toEqual(errorBody(400, "invalidValue"));
    expect(await call("PATCH", "/Groups/nope", { body: idpBody("okta/rename-group.json") })).toEqual(errorBody(404));
  });

  it("accepts only a live token with the scim scope", async () => {
    await expect(authenticateScimToken(`Bearer ${token.key}`)).resolves.toEqual(token.actor);
    await expect(authenticateScimToken(undefined)).rejects.toMatchObject({ status: 401 });
    await expect(authenticateScimToken("Bearer grk_unknown")).rejects.toMatchObject({ status: 401 });
    const gateway = await createApiKey(["ingest", "decide", "read"]);
    await expect(authenticateScimToken(`Bearer ${gateway.key}`)).rejects.toMatchObject({ status: 403, detail: expect.stringMatching(/scim scope/) });
    await prisma.apiKey.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    invalidateApiKeyCache();
    await expect(authenticateScimToken(`Bearer ${token.key}`)).rejects.toMatchObject({ status: 401 });
  });
});
