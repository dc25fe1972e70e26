import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/audit/append-audit";
import { discoveryList, resourceTypes, schemas, serviceProviderConfig } from "./discovery";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "./groups/scim-groups";
import { parseListParams } from "./list-params";
import { ScimError, scimErrorBody, scimNotFound, toScimError } from "./scim-error";
import { createScimUser } from "./users/create-scim-user";
import { deleteScimUser } from "./users/delete-scim-user";
import { patchScimUser } from "./users/patch-scim-user";
import { getScimUser, listScimUsers } from "./users/read-scim-users";
import { replaceScimUser } from "./users/replace-scim-user";
import { logger } from "@/lib/logging/logger";

// The SCIM endpoints as plain functions from a parsed request to a status and body, so the machine interface
// (Fastify, lib/machine-api) only authenticates, parses the body and sends what these return.

export type ScimRequest = {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  actor: Actor;
  /** e.g. https://guardrail.example.com/scim/v2 */
  baseUrl: string;
};
export type ScimReply = { status: number; body?: unknown; location?: string };
export type ScimEndpoint = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; url: string; handle: (req: ScimRequest) => Promise<ScimReply> };

const ok = (body: unknown): ScimReply => ({ status: 200, body });
const created = (body: { meta: { location: string } }): ScimReply => ({ status: 201, body, location: body.meta.location });
const noContent: ScimReply = { status: 204 };
const excluded = (req: ScimRequest) => parseListParams(req.query).excludedAttributes;

function byId<T extends { id: string }>(items: T[], id: string, what: string): T {
  const found = items.find((i) => i.id === id);
  if (!found) throw scimNotFound(what, id);
  return found;
}

export const SCIM_ENDPOINTS: ScimEndpoint[] = [
  { method: "GET", url: "/ServiceProviderConfig", handle: async (r) => ok(serviceProviderConfig(r.baseUrl)) },
  { method: "GET", url: "/ResourceTypes", handle: async (r) => ok(discoveryList(resourceTypes(r.baseUrl))) },
  { method: "GET", url: "/ResourceTypes/:id", handle: async (r) => ok(byId(resourceTypes(r.baseUrl), r.params.id, "ResourceType")) },
  { method: "GET", url: "/Schemas", handle: async (r) => ok(discoveryList(schemas(r.baseUrl))) },
  { method: "GET", url: "/Schemas/:id", handle: async (r) => ok(byId(schemas(r.baseUrl), r.params.id, "Schema")) },

  { method: "GET", url: "/Users", handle: async (r) => ok(await listScimUsers(parseListParams(r.query), r.baseUrl)) },
  { method: "POST", url: "/Users", handle: async (r) => created(await createScimUser(r.actor, r.body, r.baseUrl)) },
  { method: "GET", url: "/Users/:id", handle: async (r) => ok(await getScimUser(r.params.id, r.baseUrl)) },
  { method: "PUT", url: "/Users/:id", handle: async (r) => ok(await replaceScimUser(r.actor, r.params.id, r.body, r.baseUrl)) },
  { method: "PATCH", url: "/Users/:id", handle: async (r) => ok(await patchScimUser(r.actor, r.params.id, r.body, r.baseUrl)) },
  { method: "DELETE", url: "/Users/:id", handle: async (r) => (await deleteScimUser(r.actor, r.params.id), noContent) },

  { method: "GET", url: "/Groups", handle: async (r) => ok(await listScimGroups(parseListParams(r.query), r.baseUrl)) },
  { method: "POST", url: "/Groups", handle: async (r) => created(await createScimGroup(r.actor, r.body, r.baseUrl)) },
  { method: "GET", url: "/Groups/:id", handle: async (r) => ok(await getScimGroup(r.params.id, r.baseUrl, excluded(r))) },
  { method: "PUT", url: "/Groups/:id", handle: async (r) => ok(await replaceScimGroup(r.actor, r.params.id, r.body, r.baseUrl)) },
  // Entra ID advises 204 for group PATCH (no member list in the answer); Okta accepts 204 too.
  { method: "PATCH", url: "/Groups/:id", handle: async (r) => (await patchScimGroup(r.actor, r.params.id, r.body, r.baseUrl), noContent) },
  { method: "DELETE", url: "/Groups/:id", handle: async (r) => (await deleteScimGroup(r.actor, r.params.id), noContent) },
];

/** Runs an endpoint; expected errors become SCIM error bodies, anything else a logged 500 without internals. */
export async function runScimEndpoint(endpoint: ScimEndpoint, req: ScimRequest): Promise<ScimReply> {
  try {
    return await endpoint.handle(req);
  } catch (e) {
    return scimErrorReply(e);
  }
}

export function scimErrorReply(e: unknown): ScimReply {
  const error = toScimError(e);
  if (error) return { status: error.status, body: scimErrorBody(error) };
  const id = randomUUID();
  logger.error({ err: e, ref: id }, `SCIM request failed (error id ${id})`);
  return { status: 500, body: scimErrorBody(new ScimError(500, null, `Something went wrong and nothing was saved (error id ${id}).`)) };
}
