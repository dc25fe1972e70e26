import { DEFAULT_COUNT, LIST_RESPONSE_SCHEMA, MAX_RESULTS } from "./scim-schemas";
import { ScimError } from "./scim-error";

export type ListParams = { filter: string | null; startIndex: number; count: number; attributes: string[]; excludedAttributes: string[] };

function integer(name: string, raw: string | null | undefined, fallback: number): number {
  if (raw === null || raw === undefined || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ScimError(400, "invalidValue", `${name} must be an integer.`);
  return Number(raw);
}

const list = (raw: string | null | undefined) => (raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : []);

/** RFC 7644 §3.4.2: startIndex below 1 means 1; a negative count means 0; count is capped at MAX_RESULTS. */
export function parseListParams(query: Record<string, string | undefined>): ListParams {
  const startIndex = Math.max(1, integer("startIndex", query.startIndex, 1));
  const count = Math.min(MAX_RESULTS, Math.max(0, integer("count", query.count, DEFAULT_COUNT)));
  return { filter: query.filter?.trim() || null, startIndex, count, attributes: list(query.attributes), excludedAttributes: list(query.excludedAttributes) };
}

const ALWAYS = new Set(["id", "schemas", "meta"]);

/** `attributes` / `excludedAttributes` (§3.4.2.5) on top-level attributes; id, schemas and meta are always returned. */
export function projectResource<T extends Record<string, unknown>>(resource: T, attributes: string[], excludedAttributes: string[]): Partial<T> {
  if (!attributes.length && !excludedAttributes.length) return resource;
  const top = (a: string) => {
    const urn = a.match(/^(urn:.*):[^:]+$/);
    return (urn && urn[1] in resource ? urn[1] : a.split(".")[0]).toLowerCase();
  };
  const keep = new Set(attributes.map(top));
  const drop = new Set(excludedAttributes.map(top));
  return Object.fromEntries(
    Object.entries(resource).filter(([k]) => ALWAYS.has(k) || (keep.size ? keep.has(k.toLowerCase()) : !drop.has(k.toLowerCase()))),
  ) as Partial<T>;
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
