import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/tx";
import { env } from "@/lib/env";
import type { EventType } from "./event-types";
import { readOpsSettings } from "./ops-settings";

// Writing side of the outbox. Every function takes the caller's transaction: a message exists exactly when the
// change that caused it committed, and lib/notifications/outbox-worker.ts delivers it (at least once).

/** Slack gets the events people act on; checkpoints are for machines (webhooks) only. */
const SLACK_EVENTS: readonly EventType[] = ["violation.critical", "request.waiting", "cap.threshold", "grant.expiring"];

export type OpsEvent = {
  type: EventType;
  /** one line a person can read in Slack */
  summary: string;
  /** a portal path such as "/review/<id>" */
  link?: string | null;
  data: Record<string, unknown>;
};

/** The JSON body a webhook endpoint receives. */
export type WebhookBody = { id: string; type: EventType; occurredAt: string; summary: string; link: string | null; data: Record<string, unknown> };

/** Queues the email copy of an inbox notification (only when SMTP is configured). */
export async function enqueueEmail(tx: Tx, notificationId: string, kind: string) {
  if (!env.SMTP_URL) return;
  await tx.outboxMessage.create({ data: { channel: "email", eventType: kind, payload: {}, notificationId } });
}

/** Queues an organisation-level event for Slack (when configured) and every webhook endpoint subscribed to it. */
export async function publishEvent(tx: Tx, event: OpsEvent, occurredAt = new Date()): Promise<number> {
  const link = event.link ? `${env.publicUrl}${event.link}` : null;
  const rows: { channel: string; eventType: string; payload: object; endpointId?: string }[] = [];
  if (SLACK_EVENTS.includes(event.type)) {
    const { slackWebhookUrl } = await readOpsSettings(tx);
    // Slack incoming webhooks take {"text": ...} with <url|label> links (mrkdwn).
    if (slackWebhookUrl) rows.push({ channel: "slack", eventType: event.type, payload: { text: link ? `${event.summary} <${link}|Open in Guardrail>` : event.summary } });
  }
  const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null }, select: { id: true, events: true } });
  const body: WebhookBody = { id: randomUUID(), type: event.type, occurredAt: occurredAt.toISOString(), summary: event.summary, link, data: event.data };
  for (const e of endpoints) {
    if (e.events.length && !e.events.includes(event.type)) continue;
    rows.push({ channel: "webhook", eventType: event.type, endpointId: e.id, payload: body });
  }
  if (rows.length) await tx.outboxMessage.createMany({ data: rows });
  return rows.length;
}
