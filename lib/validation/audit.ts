import { z } from "zod";
import { optionalFreeText } from "./text";

/** Filters of the audit log page (from the query string). Bad values fall back to "no filter". */
export const auditFilterSchema = z.object({
  action: optionalFreeText({ max: 100 }).catch(undefined),
  entityType: optionalFreeText({ max: 100 }).catch(undefined),
  entityId: optionalFreeText({ max: 200 }).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
