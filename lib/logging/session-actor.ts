import { headers } from "next/headers";
import { noteActorForRequestId } from "./request-log";

/** Names the signed-in person on the current request's access-log line (see lib/logging/access-log.ts). */
export async function noteSessionActor(personId: string): Promise<void> {
  try {
    const id = (await headers()).get("x-request-id");
    if (id) noteActorForRequestId(id, { type: "user", id: personId });
  } catch {
    // Called outside a request (scripts, tests): there is no log line to name anyone on.
  }
}
