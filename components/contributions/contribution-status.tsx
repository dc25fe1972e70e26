import { Badge } from "@/components/ui/badge";
import type { ContributionStatus } from "@/lib/generated/prisma/enums";

export function ContributionStatusBadge({ status }: { status: ContributionStatus }) {
  return <Badge tone={status === "clean" ? "success" : status === "contaminated" ? "danger" : "neutral"}>{status}</Badge>;
}
