import { Badge, type Tone } from "@/components/ui/badge";
import type { RequestStatus } from "@/lib/generated/prisma/enums";

const STATUS: Record<RequestStatus, { label: string; tone: Tone }> = {
  pending_manager: { label: "Waiting for manager", tone: "warning" },
  pending_legal: { label: "Waiting for legal", tone: "warning" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "danger" },
  withdrawn: { label: "Withdrawn", tone: "neutral" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "danger" },
};

export function statusText(status: RequestStatus): string {
  return STATUS[status].label;
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
