import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { SCIM_SCOPE } from "@/lib/api-keys/key-hash";
import type { Actor } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { ScimError } from "./scim-error";

/** The SCIM token in `Authorization: Bearer <token>`: a live API key holding the scim scope; else a SCIM 401 / 403. */
export async function authenticateScimToken(authorization: string | null | undefined): Promise<Actor> {
  try {
    const key = await authenticateApiKey(authorization ?? null, SCIM_SCOPE);
    return { type: "api_key", id: key.id };
  } catch (e) {
    if (e instanceof AppError && (e.status === 401 || e.status === 403)) {
      throw new ScimError(e.status, null, e.status === 403 ? "This token lacks the scim scope: create a SCIM token on the API keys page." : e.message);
    }
    throw e;
  }
}
