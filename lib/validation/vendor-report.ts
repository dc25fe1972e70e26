import { z } from "zod";
import { REPORT_KINDS } from "@/lib/vendor-reports/types";
import { MAX_UPLOAD_CHARS } from "@/lib/vendor-reports/limits";

export const VENDOR_SLUGS = ["anthropic", "openai", "google"] as const;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, error: string) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values, { error }).optional());

/** ?vendor=&kind= on POST /api/v1/vendor-reports, and the override selects of the upload form. */
export const vendorReportOptionsSchema = z.object({
  vendor: optionalEnum(VENDOR_SLUGS, `One of ${VENDOR_SLUGS.join(", ")}.`),
  kind: optionalEnum(REPORT_KINDS, `One of ${REPORT_KINDS.join(", ")}.`),
  fileName: z.string().trim().max(255).optional(),
});

export const uploadVendorReportSchema = vendorReportOptionsSchema.extend({
  text: z.string().min(1, { error: "Choose a report file." }).max(MAX_UPLOAD_CHARS, { error: "The file is over 900 KB: send it with POST /api/v1/vendor-reports (up to 20 MB) instead." }),
});

export const mapVendorAccountSchema = z.object({
  vendorId: z.uuid({ error: "Unknown vendor." }),
  accountRef: z.string().trim().min(1, { error: "Unknown account." }).max(500),
  // "team:<id>", "key:<id>" or "" (unmapped)
  target: z
    .string()
    .trim()
    .regex(/^$|^(team|key):[0-9a-f-]{36}$/, { error: "Choose a team or a gateway key." }),
  label: z
    .string()
    .trim()
    .max(200, { error: "At most 200 characters." })
    .transform((v) => v || null),
});

export const vendorReportResultSchema = z
  .object({
    status: z.enum(["imported", "already_imported"]),
    reportId: z.uuid(),
    vendorId: z.uuid(),
    vendorSlug: z.string(),
    kind: z.enum(REPORT_KINDS),
    format: z.enum(["json", "csv"]),
    periodStart: z.string().meta({ description: "First day the report covers (YYYY-MM-DD, UTC)." }),
    periodEnd: z.string().meta({ description: "Last day the report covers, inclusive." }),
    rowCount: z.int().meta({ description: "Buckets (day, account, person, model) in the report." }),
    created: z.int().meta({ description: "Buckets new to Guardrail." }),
    updated: z.int().meta({ description: "Buckets an earlier, overlapping report had stored; this report's figures replace them." }),
    matchedPeople: z.int().meta({ description: "Rows whose person matched someone in the directory by email." }),
    reviewItemsOpened: z.int().optional().meta({ description: "\"Usage not seen by Guardrail\" review items the reconciliation of the report's days opened (absent when nothing was imported or reconciliation is retried by the daily run)." }),
    reviewItemsUpdated: z.int().optional().meta({ description: "Existing \"Usage not seen by Guardrail\" review items the reconciliation brought up to date." }),
  })
  .meta({ id: "VendorReportImport" });
