import { scimPatch, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { z } from "zod";
import { ScimError } from "./scim-error";

// PATCH bodies as Okta and Entra ID send them, made RFC 7644 §3.5.2 shaped before scim-patch applies them:
// Entra's "Replace"/"Add"/"Remove", and no-path values keyed by attribute paths ({"name.givenName": "…"}).

const operation = z.object({
  op: z.string({ error: "op is required" }),
  path: z.string().trim().min(1).optional(),
  value: z.unknown().optional(),
});
const patchBody = z.object({ schemas: z.array(z.string()).optional(), Operations: z.array(operation).min(1, { error: "Operations must hold at least one operation" }) });

export type PatchOperation = { op: "add" | "remove" | "replace"; path?: string; value?: unknown };

function setDotted(target: Record<string, unknown>, key: string, value: unknown) {
  // URN-prefixed keys (extension attributes) are resolved by scim-patch itself.
  if (key.startsWith("urn:") || !key.includes(".")) {
    target[key] = value;
    return;
  }
  const [head, ...rest] = key.split(".");
  const child = target[head];
  const next = child && typeof child === "object" && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  target[head] = next;
  setDotted(next, rest.join("."), value);
}

function expandDottedKeys(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) setDotted(out, key, v);
  return out;
}

/** A PATCH request body as normalised operations; a malformed body is a 400 invalidSyntax. */
export function parsePatchBody(body: unknown): PatchOperation[] {
  const parsed = patchBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScimError(400, "invalidSyntax", `${issue.path.map(String).join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data.Operations.map((o, i) => {
    const op = o.op.toLowerCase();
    if (op !== "add" && op !== "remove" && op !== "replace") throw new ScimError(400, "invalidSyntax", `Operations.${i}.op: "${o.op}" is not add, remove or replace.`);
    if (op === "remove" && !o.path) throw new ScimError(400, "noTarget", `Operations.${i}: remove needs a path.`);
    if (op !== "remove" && o.value === undefined) throw new ScimError(400, "invalidValue", `Operations.${i}: ${op} needs a value.`);
    return { op, ...(o.path ? { path: o.path } : {}), ...(o.value !== undefined ? { value: o.path ? o.value : expandDottedKeys(o.value) } : {}) };
  });
}

/** Applies operations to a resource (a copy: the input is left as it was). Bad paths are 400 invalidPath / noTarget. */
export function applyPatch<T extends object>(resource: T, operations: PatchOperation[]): T {
  try {
    return scimPatch(resource as unknown as ScimResource, operations as ScimPatchOperation[], { mutateDocument: false }) as unknown as T;
  } catch (e) {
    const code = (e as { scimCode?: string }).scimCode;
    const message = e instanceof Error ? e.message : String(e);
    if (code === "noTarget") throw new ScimError(400, "noTarget", message);
    throw new ScimError(400, "invalidPath", message);
  }
}
