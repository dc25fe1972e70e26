import "server-only";
import { csvDocument, type CsvRow } from "@/lib/csv/csv-writer";
import { describeConditions } from "@/lib/requests/request-timeline";
import type { GrantLogRow } from "./list-grants";

const HEADER = [
  "grant_id",
  "request_id",
  "person",
  "email",
  "tool",
  "activity",
  "project",
  "state",
  "valid_from",
  "valid_to",
  "cap_override_tokens",
  "manager_approver",
  "manager_approved_at",
  "legal_approver",
  "legal_approved_at",
  "conditions",
  "revoked_at",
  "revoked_by",
  "revoke_reason",
];

/** The tool-approval log as CSV, through the one CSV writer. */
export function grantsToCsv(rows: GrantLogRow[]): string {
  return csvDocument(HEADER, rows.map(grantCsvRow));
}

function grantCsvRow(g: GrantLogRow): CsvRow {
  const step = (stage: "manager" | "legal") => g.request.steps.find((s) => s.stage === stage);
  const manager = step("manager");
  const legal = step("legal");
  const conditions = g.request.steps.map((s) => describeConditions(s.conditions)).filter(Boolean).join(" | ");
  return [
    g.id,
    g.requestId,
    g.user.name,
    g.user.email,
    g.tool.slug,
    g.activity.slug,
    g.project?.key ?? "",
    g.state,
    g.validFrom,
    g.validTo,
    g.capOverrideTokens,
    manager?.actor.name,
    manager?.createdAt,
    legal?.actor.name,
    legal?.createdAt,
    conditions,
    g.revokedAt,
    g.revokedBy?.name,
    g.revokeReason,
  ];
}
