"use server";

import { revalidatePath } from "next/cache";
import { authedAction, type ActionState } from "@/lib/actions/action-client";
import { createWebhookEndpoint, disableWebhookEndpoint, redeliverWebhook, saveOpsSettings } from "@/lib/notifications/webhook-endpoints";
import { createWebhookSchema, deliveryIdSchema, opsSettingsSchema, webhookIdSchema } from "@/lib/validation/notifications";

/** The create form's state also carries the new endpoint's signing secret, shown once. */
export type CreateWebhookState = ActionState & { secret?: string };

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const saveOpsSettingsAction = authedAction({ roles: ["admin"], schema: opsSettingsSchema }, async (input, person) => {
  await saveOpsSettings(actor(person), {
    slackWebhookUrl: input.clearSlack ? "" : input.slackWebhookUrl || undefined,
    approvalReminderDays: String(input.approvalReminderDays),
    legalLeadEmail: input.legalLeadEmail,
  });
  revalidatePath("/admin/notifications");
  return "Settings saved.";
});

export const createWebhookAction = authedAction({ roles: ["admin"], schema: createWebhookSchema }, async (input, person) => {
  const created = await createWebhookEndpoint(actor(person), input);
  revalidatePath("/admin/notifications");
  return { message: `Endpoint ${created.url} added. Copy its signing secret now: it is not shown again.`, secret: created.secret };
});

export const disableWebhookAction = authedAction({ roles: ["admin"], schema: webhookIdSchema }, async (input, person) => {
  const endpoint = await disableWebhookEndpoint(actor(person), input.id);
  revalidatePath("/admin/notifications");
  return `Deliveries to ${endpoint.url} stopped.`;
});

export const redeliverWebhookAction = authedAction({ roles: ["admin"], schema: deliveryIdSchema }, async (input, person) => {
  const copy = await redeliverWebhook(actor(person), input.id);
  revalidatePath(`/admin/notifications/webhooks/${copy.endpointId}`);
  return "Queued for redelivery: it goes out within a few seconds.";
});
