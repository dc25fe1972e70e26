import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

/** The person id carried by the signed-in session cookie, or null. Only the id: everything else is re-read. */
export async function readSessionPersonId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.personId ?? null;
}
