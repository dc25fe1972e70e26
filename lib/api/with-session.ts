import "server-only";
import type { NextRequest } from "next/server";
import { getCurrentPerson, hasRole, type Person } from "@/lib/auth/authorize";
import type { Role } from "@/lib/generated/prisma/enums";
import { apiErrorResponse, errorToResponse } from "./api-error";

export type SessionContext = { person: Person };

type Options = {
  /** The person must hold one of these roles (403 otherwise); absent means any signed-in person. */
  roles?: Role[];
  /** The 403 message, naming who may use this download. */
  forbidden?: string;
};

/**
 * Wraps a session-authenticated route handler (CSV and evidence downloads), as withApiKey does for the API:
 * no signed-in, active person is a 401, a missing role a 403, and whatever the handler throws becomes the one
 * API error body (an AppError with its status, a ZodError a 400 with its fields, anything else a 500 with
 * a reference and nothing internal).
 */
export function withSession<P = unknown>(options: Options, handler: (req: NextRequest, ctx: SessionContext, route: P) => Promise<Response>) {
  return async (req: NextRequest, route: P): Promise<Response> => {
    try {
      const person = await getCurrentPerson();
      if (!person) return apiErrorResponse("unauthenticated", "Sign in first.", 401);
      if (options.roles?.length && !hasRole(person, ...options.roles)) {
        return apiErrorResponse("forbidden", options.forbidden ?? "You do not have access to this.", 403);
      }
      return await handler(req, { person }, route);
    } catch (error) {
      return errorToResponse(error);
    }
  };
}
