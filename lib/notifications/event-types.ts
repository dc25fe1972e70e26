// The organisation-level events delivered to Slack and webhooks (shared by the outbox, forms and docs).
export const EVENT_TYPES_LIST = ["violation.critical", "request.waiting", "cap.threshold", "grant.expiring", "audit.checkpoint"] as const;
export type EventType = (typeof EVENT_TYPES_LIST)[number];

export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  "violation.critical": "a new critical violation opened in the review queue",
  "request.waiting": "a request waits on a manager or legal (filed, reminded, escalated)",
  "cap.threshold": "a person passed 80 % or reached 100 % of their monthly cap",
  "grant.expiring": "an exception grant ends within 7 days",
  "audit.checkpoint": "the signed audit-chain head (hourly)",
};
