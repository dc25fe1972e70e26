import { z } from "zod";
import { GROUP_SCHEMA } from "./scim-schemas";
import { invalidValue } from "./scim-error";

export type ScimGroupRow = {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members?: { user: { id: string; name: string } }[];
};

export const scimGroupSelect = { id: true, displayName: true, externalId: true, createdAt: true, updatedAt: true } as const;
export const scimGroupWithMembersSelect = {
  ...scimGroupSelect,
  members: { select: { user: { select: { id: true, name: true } } }, orderBy: { userId: "asc" } },
} as const;

export function toScimGroup(row: ScimGroupRow, baseUrl: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    ...(row.members ? { members: row.members.map((m) => ({ value: m.user.id, $ref: `${baseUrl}/Users/${m.user.id}`, display: m.user.name, type: "User" })) } : {}),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${baseUrl}/Groups/${row.id}` },
  };
}

export type ScimGroupInput = { displayName: string; externalId: string | null | undefined; memberIds: string[] | undefined };

const groupBody = z
  .object({
    displayName: z.string({ error: "displayName is required" }).trim().min(1, { error: "displayName is required" }).max(200),
    externalId: z.string().trim().max(300).nullish(),
    members: z.array(z.object({ value: z.string({ error: "members need a value (a User id)" }).min(1) }).passthrough()).nullish(),
  })
  .passthrough();

/** A SCIM Group body as a group's fields; `memberIds` undefined means the body did not mention members. */
export function parseScimGroup(body: unknown): ScimGroupInput {
  const parsed = groupBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join(".");
    throw invalidValue(path ? `${path}: ${issue.message}` : issue.message);
  }
  const b = parsed.data;
  return {
    displayName: b.displayName,
    externalId: b.externalId === undefined ? undefined : b.externalId?.trim() || null,
    memberIds: b.members === undefined ? undefined : [...new Set((b.members ?? []).map((m) => m.value))],
  };
}
