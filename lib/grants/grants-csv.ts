import { describeConditions } from "@/lib/requests/get-request-detail";
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

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function grantsToCsv(rows: GrantLogRow[]): string {
  const lines = [HEADER.join(",")];
  for (const g of rows) {
    const step = (stage: "manager" | "legal") => g.request.steps.find((s) => s.stage === stage);
    const manager = step("manager");
    const legal = step("legal");
    const conditions = g.request.steps.map((s) => describeConditions(s.conditions)).filter(Boolean).join(" | ");
    lines.push(
      [
        g.id,
        g.requestId,
        g.user.name,
        g.user.email,
        g.tool.slug,
        g.activity.slug,
        g.project?.key ?? "",
        g.state,
        g.validFrom.toISOString(),
        g.validTo.toISOString(),
        g.capOverrideTokens,
        manager?.actor.name,
        manager?.createdAt.toISOString(),
        legal?.actor.name,
        legal?.createdAt.toISOString(),
        conditions,
        g.revokedAt?.toISOString(),
        g.revokedBy?.name,
        g.revokeReason,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
