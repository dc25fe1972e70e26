import { z } from "zod";
import { API_KEY_SCOPES } from "@/lib/api-keys/key-hash";
import { freeText } from "./text";

export const createApiKeySchema = z.object({
  name: freeText({ max: 100, required: "Name the key after the gateway that will use it.", tooLong: "At most 100 characters." }),
  scopes: z.array(z.enum(API_KEY_SCOPES, { error: "Unknown scope." })).min(1, { error: "Pick at least one scope." }),
});

export const revokeApiKeySchema = z.object({ id: z.uuid({ error: "Unknown key." }) });
