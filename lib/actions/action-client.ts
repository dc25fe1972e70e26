import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { hasRole, requirePerson, type Person } from "@/lib/auth/authorize";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logging/logger";

/** What every portal form gets back through useActionState. `values` echoes the input so nothing typed is lost. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** plain data a use case hands back for the form to show (e.g. an import's dry run) */
  data?: unknown;
};

export type ActionResult = Omit<ActionState, "values"> | string | void;

type Options<S extends z.ZodType> = {
  /** The person must hold one of these roles; empty or absent means any signed-in person. */
  roles?: Role[];
  schema: S;
};

export const GENERIC_FAILURE = "Something went wrong and nothing was saved.";

/**
 * FormData to a plain object for zod: a key sent several times (checkboxes) becomes an array, and
 * a key named "x[]" is always an array under "x". Next's internal "$ACTION_" fields are dropped.
 */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION_")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) out[key.slice(0, -2)] = values;
    else out[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  return out;
}

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION_") && !(key in values)) values[key] = value;
  }
  return values;
}

function fieldErrorsOf(error: AppError): Record<string, string[]> | undefined {
  if (!error.fields.length) return undefined;
  const errors: Record<string, string[]> = {};
  for (const f of error.fields) (errors[f.path] ??= []).push(f.message);
  return errors;
}

/**
 * Wraps a use case as a server action for useActionState: resolves the signed-in person (redirecting to
 * sign-in when there is none), checks the role, parses the form with `schema`, and turns the outcome into
 * an ActionState. AppError messages reach the person; anything else is logged with an id and replaced by
 * a generic message. redirect()/notFound() thrown by the handler pass through.
 */
export function authedAction<S extends z.ZodType>(
  options: Options<S>,
  handler: (input: z.infer<S>, person: Person) => Promise<ActionResult>,
): (prevState: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_prevState, formData) => {
    const person = await requirePerson();
    const values = echoValues(formData);
    if (options.roles?.length && !hasRole(person, ...options.roles)) {
      return { ok: false, message: "You do not have the role this action needs.", values };
    }
    const parsed = options.schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      const errors = flat.fieldErrors as Record<string, string[]>;
      return { ok: false, message: flat.formErrors[0] ?? "Please correct the highlighted fields.", errors, values };
    }
    try {
      const result = await handler(parsed.data, person);
      if (typeof result === "string") return { ok: true, message: result };
      return { ok: true, ...(result ?? {}) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return { ok: false, message: error.message, errors: fieldErrorsOf(error), values };
      const ref = randomUUID().slice(0, 8);
      logger.error({ err: error, ref }, `server action failed (reference ${ref})`);
      return { ok: false, message: `${GENERIC_FAILURE} Try again; if it keeps failing, give an admin this reference: ${ref}.`, values };
    }
  };
}
