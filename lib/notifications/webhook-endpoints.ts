import "server-only";
import { randomBytes } from "node:crypto";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { readOpsSettings, writeOpsSettings, type OpsSettingKey } from "./ops-settings";

/** Adds an endpoint; its signing secret is returned once (the admin copies it into the receiver). */
export async function createWebhookEndpoint(actor: Actor, input: { url: string; description?: string | null; events: string[] }) {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const endpoint = await prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { url: input.url, description: input.description || null, events: [...new Set(input.events)], secret, createdById: actor.type === "user" ? actor.id : null },
    });
    await appendAudit(tx, { actor, action: "webhook.created", entityType: "webhook_endpoint", entityId: created.id, data: { url: created.url, events: created.events } });
    return created;
  });
  return { id: endpoint.id, url: endpoint.url, secret };
}

/** Stops deliveries to an endpoint; messages still queued for it are marked dead by the worker. */
export async function disableWebhookEndpoint(actor: Actor, id: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } });
    if (count === 0) throw notFound("Active webhook endpoint");
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { id: true, url: true } });
    await appendAudit(tx, { actor, action: "webhook.disabled", entityType: "webhook_endpoint", entityId: id, data: { url: endpoint.url } });
    return endpoint;
  });
}

export async function listWebhookEndpoints() {
  const [endpoints, counts] = await Promise.all([
    prisma.webhookEndpoint.findMany({ orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], omit: { secret: true } }),
    prisma.outboxMessage.groupBy({ by: ["endpointId", "status"], where: { channel: "webhook" }, _count: { _all: true } }),
  ]);
  return endpoints.map((e) => {
    const mine = counts.filter((c) => c.endpointId === e.id);
    const count = (s: string) => mine.find((c) => c.status === s)?._count._all ?? 0;
    return { ...e, delivered: count("delivered"), pending: count("pending") + count("sending"), dead: count("dead") };
  });
}

export const DELIVERY_LOG_SIZE = 100;

/** One endpoint and its newest deliveries (the outbox rows addressed to it). */
export async function getWebhookDeliveryLog(endpointId: string) {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: endpointId }, omit: { secret: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  const deliveries = await prisma.outboxMessage.findMany({
    where: { endpointId },
    orderBy: { createdAt: "desc" },
    take: DELIVERY_LOG_SIZE,
    select: { id: true, eventType: true, status: true, attempts: true, maxAttempts: true, nextAttemptAt: true, lastError: true, lastStatusCode: true, createdAt: true, deliveredAt: true, payload: true },
  });
  return { endpoint, deliveries };
}

/**
 * Sends a webhook message again as a new delivery (same event body, so the receiver can tell it is the same
 * event by its `id`); the original row stays in the log as it was.
 */
export async function redeliverWebhook(actor: Actor, messageId: string) {
  return prisma.$transaction(async (tx) => {
    const original = await tx.outboxMessage.findFirst({ where: { id: messageId, channel: "webhook", endpoint: { disabledAt: null } } });
    if (!original) throw notFound("Webhook delivery");
    const copy = await tx.outboxMessage.create({
      data: { channel: "webhook", eventType: original.eventType, payload: original.payload ?? {}, endpointId: original.endpointId },
    });
    await appendAudit(tx, { actor, action: "webhook.redelivered", entityType: "webhook_endpoint", entityId: original.endpointId, data: { from: original.id, delivery: copy.id } });
    return { id: copy.id, endpointId: original.endpointId! };
  });
}

/** Counts per status over the whole outbox (the operator's view of what is stuck). */
export async function outboxHealth() {
  const rows = await prisma.outboxMessage.groupBy({ by: ["channel", "status"], _count: { _all: true } });
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: r._count._all }));
}

/** Saves the notification settings; the Slack URL is a secret, so the audit entry says only whether it changed. */
export async function saveOpsSettings(actor: Actor, values: Partial<Record<OpsSettingKey, string>>) {
  await prisma.$transaction(async (tx) => {
    if (values.legalLeadEmail) {
      // Raw on purpose: `roles: { has: "legal" }` on an enum array fails on the PGlite adapter.
      const lead = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles") AND lower("email") = lower(${values.legalLeadEmail})`;
      if (!lead.length) {
        throw new AppError("validation", "Please correct the highlighted fields.", 400, [{ path: "legalLeadEmail", message: "No active legal reviewer has this email." }]);
      }
    }
    const before = await readOpsSettings(tx);
    await writeOpsSettings(tx, values);
    const after = await readOpsSettings(tx);
    await appendAudit(tx, {
      actor,
      action: "settings.updated",
      entityType: "ops_settings",
      entityId: null,
      data: {
        slackWebhook: after.slackWebhookUrl === before.slackWebhookUrl ? "unchanged" : after.slackWebhookUrl ? "set" : "removed",
        approvalReminderDays: after.approvalReminderDays,
        legalLeadEmail: after.legalLeadEmail,
      },
    });
  });
}
