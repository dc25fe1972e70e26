import { AppError } from "@/lib/errors";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** RFC 7644 §3.12 detail error keywords (the subset this service produces). */
export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue";

/** An error a SCIM client should see as an RFC 7644 error body. Thrown by lib/scim, turned into the body in one place. */
export class ScimError extends Error {
  constructor(
    public readonly status: number,
    public readonly scimType: ScimType | null,
    public readonly detail: string,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

export const scimNotFound = (what: string, id: string) => new ScimError(404, null, `${what} ${id} not found.`);
export const invalidValue = (detail: string) => new ScimError(400, "invalidValue", detail);
export const uniqueness = (detail: string) => new ScimError(409, "uniqueness", detail);
export const invalidFilter = (detail: string) => new ScimError(400, "invalidFilter", detail);

export type ScimErrorBody = { schemas: [typeof ERROR_SCHEMA]; status: string; scimType?: ScimType; detail: string };

/** The RFC 7644 §3.12 body; `status` is a string as the RFC's schema says. */
export function scimErrorBody(error: ScimError): ScimErrorBody {
  return { schemas: [ERROR_SCHEMA], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.detail };
}

/** Any error from a SCIM use case as a ScimError; unexpected errors become null (the caller logs them and answers 500). */
export function toScimError(error: unknown): ScimError | null {
  if (error instanceof ScimError) return error;
  if (error instanceof AppError) {
    if (error.status === 404) return new ScimError(404, null, error.message);
    if (error.status === 409) return new ScimError(409, "uniqueness", error.message);
    if (error.status === 401 || error.status === 403) return new ScimError(error.status, null, error.message);
    if (error.status < 500) return new ScimError(error.status, "invalidValue", error.message);
  }
  return null;
}
