"use server";

import { revalidatePath } from "next/cache";
import { authedAction, type ActionState } from "@/lib/actions/action-client";
import { createPersonalToken, revokePersonalToken } from "@/lib/api-keys/personal-tokens";
import { createPersonalTokenSchema, revokePersonalTokenSchema } from "@/lib/validation/tool-connections";

/** The create form's state carries the new token, shown once (and filled into the snippets). */
export type CreateTokenState = ActionState & { secret?: string };

export const createPersonalTokenAction = authedAction({ schema: createPersonalTokenSchema }, async (input, person) => {
  const created = await createPersonalToken(person, input);
  revalidatePath("/connect");
  return { message: `Token "${created.name}" created. Copy it (or a snippet below) now: it is not shown again.`, secret: created.key };
});

export const revokePersonalTokenAction = authedAction({ schema: revokePersonalTokenSchema }, async (input, person) => {
  const token = await revokePersonalToken(person, input.id);
  revalidatePath("/connect");
  return `Token "${token.name}" (${token.prefix}…) revoked. Tools using it now get 401.`;
});
