import { parse, type Filter } from "scim2-parse-filter";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ENTERPRISE_USER_SCHEMA } from "./scim-schemas";
import { invalidFilter } from "./scim-error";

// RFC 7644 §3.4.2.2 filters, parsed by scim2-parse-filter, as Prisma where clauses so the database does the
// matching (and paging stays correct). Attributes not listed here are an invalidFilter error, not ignored.

type Where = Record<string, unknown>;
type Compare = { op: string; attrPath: string; compValue?: unknown };
type Column = {
  field: string;
  kind: "string" | "boolean" | "date" | "id";
  /** RFC 7643 caseExact: false compares case-insensitively */
  caseExact?: boolean;
  nullable?: boolean;
};
type AttributeMap = Record<string, Column | ((c: Compare) => Where)>;

const TRUE: Where = {};
const FALSE: Where = { id: { in: [] } };

function stringCondition(op: string, value: unknown, column: Column): unknown {
  if (typeof value !== "string") throw invalidFilter(`${column.field}: compare with a string in double quotes.`);
  const mode = column.caseExact ? undefined : "insensitive";
  const withMode = (f: Record<string, unknown>) => (mode ? { ...f, mode } : f);
  switch (op) {
    case "eq": return withMode({ equals: value });
    case "ne": return withMode({ not: value });
    case "co": return withMode({ contains: value });
    case "sw": return withMode({ startsWith: value });
    case "ew": return withMode({ endsWith: value });
    case "gt": return { gt: value };
    case "ge": return { gte: value };
    case "lt": return { lt: value };
    case "le": return { lte: value };
  }
  throw invalidFilter(`The operator "${op}" is not supported.`);
}

function columnWhere(c: Compare, column: Column): Where {
  if (c.op === "pr") return column.nullable ? { [column.field]: { not: null } } : TRUE;
  if (column.kind === "boolean") {
    if (typeof c.compValue !== "boolean") throw invalidFilter(`${c.attrPath}: compare with true or false.`);
    if (c.op === "eq") return { [column.field]: c.compValue };
    if (c.op === "ne") return { [column.field]: !c.compValue };
    throw invalidFilter(`${c.attrPath} is a boolean: use eq or ne.`);
  }
  if (column.kind === "date") {
    const at = typeof c.compValue === "string" ? new Date(c.compValue) : null;
    if (!at || Number.isNaN(at.getTime())) throw invalidFilter(`${c.attrPath}: compare with an RFC 3339 date-time in double quotes.`);
    const ops: Record<string, string> = { eq: "equals", gt: "gt", ge: "gte", lt: "lt", le: "lte" };
    if (c.op === "ne") return { NOT: { [column.field]: at } };
    if (!ops[c.op]) throw invalidFilter(`${c.attrPath} is a date-time: use eq, ne, gt, ge, lt or le.`);
    return { [column.field]: { [ops[c.op]]: at } };
  }
  if (column.kind === "id" && !["eq", "ne"].includes(c.op)) throw invalidFilter(`${c.attrPath}: only eq and ne are supported.`);
  return { [column.field]: stringCondition(c.op, c.compValue, column) };
}

const enterprise = (name: string) => [`${ENTERPRISE_USER_SCHEMA}:${name}`.toLowerCase(), name.toLowerCase()];

// A person who was not provisioned shows their email as userName, so a userName filter looks at both.
// eq (every identity provider's lookup) goes through the unique index on lower(userName) and the email index.
function userNameWhere(c: Compare): Where {
  if (c.op === "pr") return TRUE;
  if (c.op === "eq" && typeof c.compValue === "string") {
    const key = c.compValue.toLowerCase();
    return { OR: [{ userNameKey: key }, { userName: null, email: { in: [...new Set([c.compValue, key])] } }] };
  }
  const condition = stringCondition(c.op, c.compValue, { field: "userName", kind: "string" });
  return { OR: [{ userName: condition }, { userName: null, email: condition }] };
}

// Everyone has exactly one email, of type "work" and primary.
function emailSubFilter(f: Filter): Where {
  switch (f.op) {
    case "and": return { AND: f.filters.map(emailSubFilter) };
    case "or": return { OR: f.filters.map(emailSubFilter) };
    case "not": return { NOT: emailSubFilter(f.filter) };
    case "[]": throw invalidFilter("Filters cannot nest inside emails[...].");
  }
  const attr = f.attrPath.toLowerCase();
  if (attr === "value") return emailWhere(f as Compare);
  if (attr === "type") return f.op === "pr" || (f.op === "eq" && typeof f.compValue === "string" && f.compValue.toLowerCase() === "work") ? TRUE : f.op === "ne" ? (String(f.compValue).toLowerCase() === "work" ? FALSE : TRUE) : FALSE;
  if (attr === "primary") return f.op === "pr" || (f.op === "eq" && f.compValue === true) || (f.op === "ne" && f.compValue === false) ? TRUE : FALSE;
  throw invalidFilter(`emails has no sub-attribute "${f.attrPath}".`);
}

// Emails are stored lower-cased by provisioning (and the seed), so eq can use the unique index.
function emailWhere(c: Compare): Where {
  if (c.op === "eq" && typeof c.compValue === "string") return { email: { in: [...new Set([c.compValue, c.compValue.toLowerCase()])] } };
  return columnWhere(c, { field: "email", kind: "string" });
}

const USER_ATTRIBUTES: AttributeMap = {
  id: { field: "id", kind: "id", caseExact: true },
  username: userNameWhere,
  externalid: { field: "externalId", kind: "string", caseExact: true, nullable: true },
  "emails.value": emailWhere,
  emails: emailWhere,
  displayname: { field: "name", kind: "string" },
  "name.formatted": { field: "name", kind: "string" },
  "name.givenname": { field: "givenName", kind: "string", nullable: true },
  "name.familyname": { field: "familyName", kind: "string", nullable: true },
  title: { field: "title", kind: "string", nullable: true },
  active: { field: "active", kind: "boolean" },
  "meta.created": { field: "createdAt", kind: "date" },
  "meta.lastmodified": { field: "updatedAt", kind: "date" },
  ...Object.fromEntries(enterprise("employeeNumber").map((k) => [k, { field: "employeeId", kind: "string" } as Column])),
  ...Object.fromEntries(enterprise("department").map((k) => [k, { field: "department", kind: "string", nullable: true } as Column])),
  ...Object.fromEntries(enterprise("manager.value").map((k) => [k, { field: "managerId", kind: "id", caseExact: true, nullable: true } as Column])),
};

function memberWhere(c: Compare): Where {
  if (c.op === "pr") return { members: { some: {} } };
  if (c.op !== "eq" || typeof c.compValue !== "string") throw invalidFilter("members: only eq with a user id is supported.");
  return { members: { some: { userId: c.compValue } } };
}

const GROUP_ATTRIBUTES: AttributeMap = {
  id: { field: "id", kind: "id", caseExact: true },
  displayname: { field: "displayName", kind: "string" },
  externalid: { field: "externalId", kind: "string", caseExact: true, nullable: true },
  members: memberWhere,
  "members.value": memberWhere,
  "meta.created": { field: "createdAt", kind: "date" },
  "meta.lastmodified": { field: "updatedAt", kind: "date" },
};

function translate(f: Filter, attributes: AttributeMap, resource: string): Where {
  switch (f.op) {
    case "and": return { AND: f.filters.map((x) => translate(x, attributes, resource)) };
    case "or": return { OR: f.filters.map((x) => translate(x, attributes, resource)) };
    case "not": return { NOT: translate(f.filter, attributes, resource) };
    case "[]":
      if (resource === "User" && f.attrPath.toLowerCase() === "emails") return emailSubFilter(f.valFilter);
      if (resource === "Group" && f.attrPath.toLowerCase() === "members") return translate(withPrefix(f.valFilter, "members."), attributes, resource);
      throw invalidFilter(`${resource} filters cannot select inside "${f.attrPath}".`);
  }
  const target = attributes[f.attrPath.toLowerCase()];
  if (!target) throw invalidFilter(`${resource}s cannot be filtered by "${f.attrPath}".`);
  return typeof target === "function" ? target(f as Compare) : columnWhere(f as Compare, target);
}

function withPrefix(f: Filter, prefix: string): Filter {
  if (f.op === "and" || f.op === "or") return { ...f, filters: f.filters.map((x) => withPrefix(x, prefix)) };
  if (f.op === "not") return { ...f, filter: withPrefix(f.filter, prefix) };
  if (f.op === "[]") return f;
  const attr = f as Compare;
  return { ...attr, attrPath: `${prefix}${attr.attrPath}` } as Filter;
}

function parseFilter(filter: string): Filter {
  try {
    return parse(filter);
  } catch (e) {
    throw invalidFilter(`The filter cannot be parsed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `?filter=` on /Users as a Prisma where clause; an unsupported attribute or operator is a 400 invalidFilter. */
export function userFilterToWhere(filter: string): Prisma.UserWhereInput {
  return translate(parseFilter(filter), USER_ATTRIBUTES, "User") as Prisma.UserWhereInput;
}

/** `?filter=` on /Groups as a Prisma where clause. */
export function groupFilterToWhere(filter: string): Prisma.ScimGroupWhereInput {
  return translate(parseFilter(filter), GROUP_ATTRIBUTES, "Group") as Prisma.ScimGroupWhereInput;
}
