import { z } from "zod";
import { KEY_SCOPES, SCIM_SCOPE } from "@/lib/api-keys/key-hash";
import { freeText } from "./text";

export const createApiKeySchema = z.object({
  name: freeText({ max: 100, required: "Name the key after the gateway that will use it.", tooLong: "At most 100 characters." }),
  scopes: z
    .array(z.enum(KEY_SCOPES, { error: "Unknown scope." }))
    .min(1, { error: "Pick at least one scope." })
    .refine((s) => !s.includes(SCIM_SCOPE) || s.every((x) => x === SCIM_SCOPE), { error: "A SCIM token holds the scim scope alone: make a separate key for gateways." }),
});

export const revokeApiKeySchema = z.object({ id: z.uuid({ error: "Unknown key." }) });
