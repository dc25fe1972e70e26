import { z } from "zod";
import { ReviewStatus, ReviewType } from "../generated/prisma/enums";
import { optionalFreeText } from "./text";

// Filters from the URL: a value that is too long or cannot be stored is ignored, like any malformed filter.
const optionalText = optionalFreeText({ max: 200 }).catch(undefined);
const note = optionalFreeText({ max: 4000, tooLong: "At most 4,000 characters." }).transform((v) => v ?? "");

/** The queue's filters as they appear in the URL (?type=violation&status=open&sort=severity&page=2). */
export const queueFilterSchema = z.object({
  type: z.enum(ReviewType).optional().catch(undefined),
  status: z
    .union([z.enum(ReviewStatus), z.literal("all")])
    .default("open")
    .catch("open"),
  vendor: optionalText,
  clause: optionalText,
  team: optionalText,
  // "me", "none" or a person's id
  assignee: optionalText,
  sort: z.enum(["age", "severity"]).default("severity").catch("severity"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(10).max(200).default(50).catch(50),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Parses URL search params; unknown or malformed values fall back to the defaults instead of failing the page. */
export function parseQueueFilter(params: SearchParams): QueueFilter {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && !(key in flat)) flat[key] = first;
  }
  return queueFilterSchema.parse(flat);
}

/** The URL query for a filter, leaving out defaults so links stay short. */
export function queueFilterQuery(filter: QueueFilter, overrides: Partial<QueueFilter> = {}): string {
  const merged = { ...filter, ...overrides };
  const defaults = queueFilterSchema.parse({});
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === defaults[key as keyof QueueFilter]) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

const idList = z
  .string()
  .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
  .pipe(z.array(z.uuid()).min(1, "Select at least one item.").max(500, "Select at most 500 items."));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

export const reviewOutcomeSchema = z
  .object({
    itemId: z.uuid(),
    version: z.coerce.number().int().min(1),
    outcome: z.enum(["cleared", "confirmed", "escalated"], { message: "Choose an outcome." }),
    note,
    notifyManager: checkbox,
    revokeGrants: checkbox,
  })
  .refine((v) => v.outcome !== "confirmed" || v.note.length > 0, {
    path: ["note"],
    message: "A confirmed violation needs a note.",
  });
export type ReviewOutcomeInput = z.infer<typeof reviewOutcomeSchema>;

export const bulkReviewSchema = z
  .object({
    itemIds: idList,
    action: z.enum(["assign_me", "assign", "unassign", "clear", "escalate"]),
    assigneeId: optionalFreeText({ max: 200 }),
    note,
  })
  .refine((v) => v.action !== "assign" || !!v.assigneeId, { path: ["assigneeId"], message: "Choose a reviewer." });
export type BulkReviewInput = z.infer<typeof bulkReviewSchema>;

export const assignItemSchema = z.object({
  itemId: z.uuid(),
  // "" unassigns
  assigneeId: optionalFreeText({ max: 200 }).transform((v) => v ?? ""),
});
