import { Badge, type Tone } from "@/components/ui/badge";
import type { RequestStatus } from "@/lib/generated/prisma/enums";
import { statusLabel } from "@/lib/requests/transitions";

// The words come from the one status table (lib/requests/transitions.ts); only the colour is decided here.
const TONE: Record<RequestStatus, Tone> = {
  pending_manager: "warning",
  pending_legal: "warning",
  approved: "success",
  rejected: "danger",
  withdrawn: "neutral",
  expired: "neutral",
  revoked: "danger",
};

/** A request status as people read it at the start of a cell or badge ("Waiting for the manager"). */
export function statusText(status: RequestStatus): string {
  const label = statusLabel(status);
  return label[0].toUpperCase() + label.slice(1);
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <Badge tone={TONE[status]}>{statusText(status)}</Badge>;
}
