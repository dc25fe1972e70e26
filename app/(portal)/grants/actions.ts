"use server";

import { authedAction } from "@/lib/actions/action-client";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { revokeSchema } from "@/lib/validation/grant";

// No revalidation: the row keeps showing the outcome in place; the log is dynamic, so the next visit reads fresh data.
export const revokeGrantAction = authedAction({ roles: ["manager", "legal", "admin"], schema: revokeSchema }, async (input, person) => {
  await revokeGrant(person, input);
  return "Grant revoked; the holder has been told.";
});
