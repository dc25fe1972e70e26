import "server-only";
import type { Tx } from "@/lib/db/tx";
import { prisma } from "@/lib/db/client";

// Organisation-wide operational settings, stored in OpsSetting (key → text). Defaults live here.
export const OPS_SETTING_KEYS = ["slackWebhookUrl", "approvalReminderDays", "legalLeadEmail"] as const;
export type OpsSettingKey = (typeof OPS_SETTING_KEYS)[number];
export type OpsSettings = { slackWebhookUrl: string | null; approvalReminderDays: number; legalLeadEmail: string | null };

export const DEFAULT_APPROVAL_REMINDER_DAYS = 3;

export async function readOpsSettings(db: Tx | typeof prisma = prisma): Promise<OpsSettings> {
  const rows = await db.opsSetting.findMany({ where: { key: { in: [...OPS_SETTING_KEYS] } } });
  const value = new Map(rows.map((r) => [r.key, r.value]));
  const days = Number(value.get("approvalReminderDays"));
  return {
    slackWebhookUrl: value.get("slackWebhookUrl") || null,
    approvalReminderDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_APPROVAL_REMINDER_DAYS,
    legalLeadEmail: value.get("legalLeadEmail") || null,
  };
}

/** Writes the given settings (an empty string clears one). The caller audits in the same transaction. */
export async function writeOpsSettings(tx: Tx, values: Partial<Record<OpsSettingKey, string>>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (value === "") await tx.opsSetting.deleteMany({ where: { key } });
    else await tx.opsSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
