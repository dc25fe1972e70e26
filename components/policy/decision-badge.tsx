import { Badge, type Tone } from "@/components/ui/badge";
import type { DecisionKind, ReasonCode } from "@/lib/policy/evaluate";

const LABELS: Partial<Record<ReasonCode, { label: string; tone: Tone }>> = {
  allowed_by_policy: { label: "Allowed", tone: "success" },
  allowed_by_grant: { label: "Allowed by your grant", tone: "info" },
  exception_required: { label: "Needs exception", tone: "warning" },
  prohibited_activity: { label: "Prohibited", tone: "danger" },
  training_data_project: { label: "Prohibited: training data", tone: "danger" },
  tool_blocked: { label: "Blocked", tone: "danger" },
  over_cap: { label: "Over cap", tone: "danger" },
  user_inactive: { label: "Account inactive", tone: "danger" },
};

export function decisionLabel(decision: DecisionKind, reason: ReasonCode): { label: string; tone: Tone } {
  return LABELS[reason] ?? (decision === "allow" ? { label: "Allowed", tone: "success" } : decision === "deny" ? { label: "Denied", tone: "danger" } : { label: "Needs exception", tone: "warning" });
}

export function DecisionBadge({ decision, reason }: { decision: DecisionKind; reason: ReasonCode }) {
  const { label, tone } = decisionLabel(decision, reason);
  return <Badge tone={tone}>{label}</Badge>;
}
