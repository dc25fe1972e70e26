// Boundaries of grants: revoking one, and the /grants filters that the CSV export shares.
import { z } from "zod";
import { optionalInstant, reason } from "./fields";
import { freeText, optionalFreeText } from "./text";

const optionalText = (max: number) => optionalFreeText({ max });

export const revokeSchema = z.object({ grantId: freeText({ max: 200, required: "Unknown grant." }), reason });
export type RevokeInput = z.infer<typeof revokeSchema>;

export const GRANT_STATES = ["live", "scheduled", "expired", "revoked"] as const;
export type GrantState = (typeof GRANT_STATES)[number];

/** /grants filters and the CSV export's query: the same schema so the file matches the screen. */
export const grantFilterSchema = z.object({
  person: optionalText(200).catch(undefined),
  tool: optionalText(100).catch(undefined),
  status: z.enum(GRANT_STATES).optional().catch(undefined),
  from: optionalInstant("from date").catch(undefined),
  to: optionalInstant("to date").catch(undefined),
});
// Every filter is optional (absent means "any").
export type GrantFilter = Partial<z.infer<typeof grantFilterSchema>>;
