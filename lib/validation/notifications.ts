import { z } from "zod";
import { EVENT_TYPES_LIST } from "@/lib/notifications/event-types";
import { freeText, optionalFreeText } from "./text";

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2000, { error: "At most 2000 characters." })
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
      } catch {
        return false;
      }
    }, { error: `Enter the ${what} as an http(s) URL without credentials.` });

export const opsSettingsSchema = z.object({
  // empty: keep the current URL (it is not shown again); clearSlack removes it
  slackWebhookUrl: z.union([z.literal(""), httpUrl("Slack incoming-webhook URL")]).default(""),
  clearSlack: z.literal("on").optional(),
  approvalReminderDays: z.coerce.number({ error: "Enter a whole number of days." }).int({ error: "Enter a whole number of days." }).min(1, { error: "At least 1 day." }).max(90, { error: "At most 90 days." }),
  legalLeadEmail: z.union([z.literal(""), z.email({ error: "Enter an email address, or leave it empty for the first legal reviewer." }).max(320)]).default(""),
});

export const createWebhookSchema = z.object({
  url: httpUrl("endpoint"),
  description: optionalFreeText({ max: 200 }),
  // none ticked: every event
  events: z.array(z.enum(EVENT_TYPES_LIST, { error: "Unknown event." })).default([]),
});

export const webhookIdSchema = z.object({ id: z.uuid({ error: "Unknown endpoint." }) });
export const deliveryIdSchema = z.object({ id: z.uuid({ error: "Unknown delivery." }) });

/** Marking one inbox notification read. */
export const markReadSchema = z.object({ notificationId: freeText({ max: 200 }) });
