"use server";

import { revalidatePath } from "next/cache";
import { authedAction, type ActionState } from "@/lib/actions/action-client";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-key";

/** The create form's state also carries the new key's value, shown once. */
export type CreateKeyState = ActionState & { secret?: string };

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const createApiKeyAction = authedAction({ roles: ["admin"], schema: createApiKeySchema }, async (input, person) => {
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const created = await createApiKey(actor(person), { name: input.name, scopes: input.scopes, expiresAt });
  revalidatePath("/admin/api-keys");
  const until = created.expiresAt ? ` It expires on ${created.expiresAt.toISOString().slice(0, 10)}.` : "";
  const result = { message: `Key "${created.name}" created. Copy it now: it is not shown again.${until}`, secret: created.key };
  return result;
});

export const revokeApiKeyAction = authedAction({ roles: ["admin"], schema: revokeApiKeySchema }, async (input, person) => {
  const key = await revokeApiKey(actor(person), input.id);
  revalidatePath("/admin/api-keys");
  return `Key "${key.name}" (${key.prefix}…) revoked. Calls with it now get 401.`;
});
