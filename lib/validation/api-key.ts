import { z } from "zod";
import { KEY_SCOPES, SCIM_SCOPE } from "@/lib/api-keys/key-hash";
import { freeText } from "./text";

export const API_KEY_LIFETIMES = ["30", "90", "180", "365", "never"] as const;

export const createApiKeySchema = z.object({
  name: freeText({ max: 100, required: "Name the key after the gateway that will use it.", tooLong: "At most 100 characters." }),
  scopes: z
    .array(z.enum(KEY_SCOPES, { error: "Unknown scope." }))
    .min(1, { error: "Pick at least one scope." })
    .refine((s) => !s.includes(SCIM_SCOPE) || s.every((x) => x === SCIM_SCOPE), { error: "A SCIM token holds the scim scope alone: make a separate key for gateways." }),
  /** Days until the key stops working; "never" (or absent) for a key without expiry. */
  expiresInDays: z
    .enum(API_KEY_LIFETIMES, { error: "Pick one of the offered lifetimes." })
    .optional()
    .transform((v) => (v === undefined || v === "never" ? null : Number(v))),
});

export const revokeApiKeySchema = z.object({ id: z.uuid({ error: "Unknown key." }) });
