import { Badge, type Tone } from "@/components/ui/badge";
import type { ReviewStatus, ReviewType, Severity } from "@/lib/generated/prisma/enums";

const severityTone: Record<Severity, Tone> = { low: "neutral", medium: "info", high: "warning", critical: "danger" };
const statusTone: Record<ReviewStatus, Tone> = { open: "info", cleared: "success", confirmed: "danger", escalated: "warning" };

export const TYPE_LABELS: Record<ReviewType, string> = {
  violation: "Violation",
  legal_request: "Request (legal stage)",
  contaminated_contribution: "Contaminated contribution",
  re_review: "Re-review (terms changed)",
  unseen_usage: "Usage not seen by Guardrail",
};
export const STATUS_LABELS: Record<ReviewStatus, string> = { open: "Open", cleared: "Cleared", confirmed: "Confirmed violation", escalated: "Escalated" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severityTone[severity]}>{severity}</Badge>;
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return <Badge tone={statusTone[status]}>{STATUS_LABELS[status]}</Badge>;
}
