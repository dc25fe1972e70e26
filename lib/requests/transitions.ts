// The exception-request workflow as a pure state machine: every use case asks it before writing.
import type { ApprovalStage, RequestStatus } from "@/lib/generated/prisma/enums";

export type RequestEvent =
  | { type: "approve"; stage: ApprovalStage; requiresLegal: boolean }
  | { type: "reject"; stage: ApprovalStage }
  | { type: "withdraw" }
  | { type: "revoke" }
  | { type: "expire" };

export type TransitionResult = { ok: true; to: RequestStatus } | { ok: false; reason: string };

export const PENDING_STATUSES: RequestStatus[] = ["pending_manager", "pending_legal"];

/** The review stage a status waits on, or null when nobody needs to act. */
export function stageOf(status: RequestStatus): ApprovalStage | null {
  if (status === "pending_manager") return "manager";
  if (status === "pending_legal") return "legal";
  return null;
}

export function isPending(status: RequestStatus): boolean {
  return PENDING_STATUSES.includes(status);
}

const LABELS: Record<RequestStatus, string> = {
  pending_manager: "waiting for the manager",
  pending_legal: "waiting for legal",
  approved: "approved",
  rejected: "rejected",
  withdrawn: "withdrawn",
  expired: "expired",
  revoked: "revoked",
};

export function statusLabel(status: RequestStatus): string {
  return LABELS[status];
}

/** Where `event` takes a request in `from`, or why it cannot happen. */
export function transition(from: RequestStatus, event: RequestEvent): TransitionResult {
  const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
  switch (event.type) {
    case "approve":
    case "reject": {
      const waiting = stageOf(from);
      if (waiting !== event.stage) {
        return refuse(
          waiting
            ? `The request is ${LABELS[from]}, not at the ${event.stage} stage.`
            : `The request is already ${LABELS[from]}; there is nothing to ${event.type}.`,
        );
      }
      if (event.type === "reject") return { ok: true, to: "rejected" };
      if (event.stage === "manager") return { ok: true, to: event.requiresLegal ? "pending_legal" : "approved" };
      return { ok: true, to: "approved" };
    }
    case "withdraw":
      return isPending(from) ? { ok: true, to: "withdrawn" } : refuse(`Only a pending request can be withdrawn; this one is ${LABELS[from]}.`);
    case "revoke":
      return from === "approved" ? { ok: true, to: "revoked" } : refuse(`Only an approved request's grant can be revoked; this one is ${LABELS[from]}.`);
    case "expire":
      return from === "approved" ? { ok: true, to: "expired" } : refuse(`Only an approved request can expire; this one is ${LABELS[from]}.`);
  }
}
