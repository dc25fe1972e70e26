import { z } from "zod";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "./scim-schemas";
import { invalidValue } from "./scim-error";

/** The person's columns a SCIM User is built from. */
export type ScimUserRow = {
  id: string;
  email: string;
  employeeId: string;
  name: string;
  title: string | null;
  active: boolean;
  userName: string | null;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  department: string | null;
  managerId: string | null;
  manager: { name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  scimGroups?: { group: { id: string; displayName: string } }[];
};

export const scimUserSelect = {
  id: true, email: true, employeeId: true, name: true, title: true, active: true, userName: true, externalId: true,
  givenName: true, familyName: true, department: true, managerId: true, manager: { select: { name: true } }, createdAt: true, updatedAt: true,
  scimGroups: { select: { group: { select: { id: true, displayName: true } } }, orderBy: { groupId: "asc" } },
} as const;

/** A person as an RFC 7643 User with the enterprise extension. People not provisioned show their email as userName. */
export function toScimUser(row: ScimUserRow, baseUrl: string) {
  const enterprise: Record<string, unknown> = { employeeNumber: row.employeeId };
  if (row.department) enterprise.department = row.department;
  if (row.managerId) enterprise.manager = { value: row.managerId, $ref: `${baseUrl}/Users/${row.managerId}`, displayName: row.manager?.name ?? undefined };
  const name: Record<string, string> = { formatted: row.name };
  if (row.givenName) name.givenName = row.givenName;
  if (row.familyName) name.familyName = row.familyName;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName ?? row.email,
    name,
    displayName: row.name,
    ...(row.title ? { title: row.title } : {}),
    active: row.active,
    emails: [{ value: row.email, type: "work", primary: true }],
    groups: (row.scimGroups ?? []).map((m) => ({ value: m.group.id, $ref: `${baseUrl}/Groups/${m.group.id}`, display: m.group.displayName, type: "direct" })),
    [ENTERPRISE_USER_SCHEMA]: enterprise,
    meta: { resourceType: "User", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${baseUrl}/Users/${row.id}` },
  };
}

export type ScimUserResource = ReturnType<typeof toScimUser>;

/** What a SCIM User body sets on a person. `manager` undefined leaves the manager alone; null clears it. */
export type ScimUserInput = {
  userName: string;
  /** undefined: not in the body, left as it is */
  externalId: string | null | undefined;
  email: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  active: boolean;
  employeeNumber: string | null;
  department: string | null;
  managerId: string | null | undefined;
};

// Entra ID sends booleans as the strings "True"/"False" without its aadOptscim062020 flag.
const scimBoolean = z.union([z.boolean(), z.string().regex(/^(true|false)$/i).transform((s) => s.toLowerCase() === "true")], {
  error: "must be true or false",
});
const optionalText = z.string().trim().max(300).nullish();
const email = z.object({ value: z.string().trim().optional(), type: z.string().nullish(), primary: scimBoolean.nullish() }).passthrough();
const managerRef = z.object({ value: z.string().nullish() }).passthrough();
// Entra ID's reference sample sends the manager as an array of one reference.
const reference = z.union([z.string(), managerRef, z.array(managerRef)]).nullish();

const userBody = z
  .object({
    userName: z.string({ error: "userName is required" }).trim().min(1, { error: "userName is required" }).max(300),
    externalId: optionalText,
    displayName: optionalText,
    title: optionalText,
    active: scimBoolean.nullish(),
    name: z.object({ formatted: optionalText, givenName: optionalText, familyName: optionalText }).passthrough().nullish(),
    emails: z.array(email).nullish(),
    [ENTERPRISE_USER_SCHEMA]: z.object({ employeeNumber: optionalText, department: optionalText, manager: reference }).passthrough().nullish(),
  })
  .passthrough();

const EMAIL = z.email();

// Entra ID's SCIM reference sample puts department and manager at the top level.
const topLevelEnterprise = z.object({ employeeNumber: optionalText, department: optionalText, manager: reference }).passthrough();
function enterpriseAtTopLevel(body: Record<string, unknown>) {
  if (!("department" in body) && !("manager" in body) && !("employeeNumber" in body)) return undefined;
  const parsed = topLevelEnterprise.safeParse(body);
  if (!parsed.success) throw invalidValue(`${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

function pickEmail(emails: z.infer<typeof email>[] | null | undefined, userName: string): string {
  const withValue = (emails ?? []).filter((e) => e.value);
  const chosen = withValue.find((e) => e.primary === true) ?? withValue.find((e) => e.type?.toLowerCase() === "work") ?? withValue[0];
  const value = chosen?.value ?? userName;
  if (!EMAIL.safeParse(value).success) {
    throw invalidValue(chosen ? `emails: "${value}" is not an email address.` : "A work email is required (emails[type eq \"work\"].value, or a userName that is an email address).");
  }
  return value.toLowerCase();
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const joinName = (given: string | null, family: string | null) => [given, family].filter(Boolean).join(" ") || null;

/**
 * A SCIM User body (POST, PUT, or a stored resource after PATCH) as a person's fields. With `previous` (a
 * PATCH), the display name follows whichever of displayName, name.formatted or the name parts changed.
 */
export function parseScimUser(body: unknown, previous?: ScimUserResource): ScimUserInput {
  const parsed = userBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join(".");
    throw invalidValue(path ? `${path}: ${issue.message}` : issue.message);
  }
  const b = parsed.data;
  const givenName = blankToNull(b.name?.givenName);
  const familyName = blankToNull(b.name?.familyName);
  const displayName = blankToNull(b.displayName);
  const formatted = blankToNull(b.name?.formatted);
  let name: string | null;
  if (previous) {
    const partsChanged = givenName !== (previous.name.givenName ?? null) || familyName !== (previous.name.familyName ?? null);
    if (displayName && displayName !== previous.displayName) name = displayName;
    else if (formatted && formatted !== previous.name.formatted) name = formatted;
    else if (partsChanged) name = joinName(givenName, familyName) ?? previous.displayName;
    else name = previous.displayName;
  } else {
    name = displayName ?? formatted ?? joinName(givenName, familyName);
  }
  const enterprise = b[ENTERPRISE_USER_SCHEMA] ?? enterpriseAtTopLevel(b);
  const manager = enterprise?.manager;
  const managerRefValue = Array.isArray(manager) ? manager[0]?.value : typeof manager === "string" ? manager : manager?.value;
  const managerId = manager === undefined ? undefined : blankToNull(managerRefValue);
  return {
    userName: b.userName,
    externalId: b.externalId === undefined ? undefined : blankToNull(b.externalId),
    email: pickEmail(b.emails, b.userName),
    name: (name ?? b.userName).slice(0, 300),
    givenName,
    familyName,
    title: blankToNull(b.title),
    active: b.active ?? true,
    employeeNumber: blankToNull(enterprise?.employeeNumber),
    department: blankToNull(enterprise?.department),
    managerId,
  };
}
