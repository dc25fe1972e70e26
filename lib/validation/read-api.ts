import { z } from "zod";

// Query strings of the read endpoints (README "Machine API (gateways)"). The OpenAPI document is built from these.
const day = z.iso.date({ error: "must be a date such as 2026-11-01" });

export const usageSummaryQuerySchema = z
  .object({
    from: day.optional().meta({ description: "First day (inclusive, company time zone); default: the first day of this month." }),
    to: day.optional().meta({ description: "Last day (inclusive); default: today." }),
    team: z.string().min(1).max(200).optional().meta({ description: "Team slug or id; includes the teams below it." }),
    groupBy: z.enum(["tool", "user", "team", "day"], { error: "must be one of tool, user, team, day" }).default("tool"),
    format: z.enum(["json", "csv"]).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], error: "must not be before from" });

export type UsageSummaryQuery = z.infer<typeof usageSummaryQuerySchema>;

export const usageSummaryRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  events: z.int(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  tokens: z.number(),
  costUsd: z.number(),
  violations: z.int(),
  overCapEvents: z.int(),
});

export const usageSummarySchema = z
  .object({ from: z.string(), to: z.string(), groupBy: z.enum(["tool", "user", "team", "day"]), rows: z.array(usageSummaryRowSchema) })
  .meta({ id: "UsageSummary" });

export type UsageSummary = z.infer<typeof usageSummarySchema>;

export const auditQuerySchema = z.object({
  after: z.coerce.number({ error: "must be a sequence number" }).int().min(0).default(0).meta({ description: "Return entries with seq greater than this." }),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(1000, { error: "must be at most 1000" }).default(100),
  format: z.enum(["json", "csv"]).optional(),
});

export const auditEntrySchema = z.object({
  seq: z.int(),
  at: z.iso.datetime(),
  actorType: z.enum(["user", "api_key", "system"]),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditPageSchema = z
  .object({ entries: z.array(auditEntrySchema), nextAfter: z.int().nullable() })
  .meta({ id: "AuditPage" });

export const auditVerifySchema = z
  .union([z.object({ ok: z.literal(true), entries: z.int() }), z.object({ ok: z.literal(false), firstBrokenSeq: z.int(), entries: z.int() })])
  .meta({ id: "AuditVerifyResult" });
