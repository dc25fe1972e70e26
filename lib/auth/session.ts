import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

/**
 * The person id carried by the signed-in session cookie, or null. Only the id: everything else is re-read.
 * Reading the session runs the jwt callback (lib/auth/options.ts), which checks the cookie's AuthSession record:
 * a signed-out, deactivated or expired session reads as no session here and on /api/auth/session alike.
 */
export async function readSessionPersonId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.personId ?? null;
}
