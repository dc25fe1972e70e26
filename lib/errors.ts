// Expected errors carry a code, a message meant for people, field errors and an HTTP status.
// lib/ throws them; the action wrapper and the API wrapper turn them into a form state or an API error body.
export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    public readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Record") => new AppError("not_found", `${what} not found.`, 404);
export const forbiddenError = (message = "You do not have access to this.") => new AppError("forbidden", message, 403);
export const conflict = (message: string) => new AppError("conflict", message, 409);

/** Field errors from a zod error, with dotted paths ("inputTokens", "items.3.id"). */
export function zodFieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}
