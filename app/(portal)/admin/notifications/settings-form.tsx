"use client";

import { useActionState } from "react";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";
import { saveOpsSettingsAction } from "./actions";

export function SettingsForm({ slackConfigured, approvalReminderDays, legalLeadEmail }: { slackConfigured: boolean; approvalReminderDays: number; legalLeadEmail: string | null }) {
  const [state, action] = useActionState<ActionState, FormData>(saveOpsSettingsAction, {});
  const v = state.ok ? undefined : state.values;
  return (
    <form action={action} noValidate className="grid gap-3 sm:grid-cols-3 sm:items-start" aria-label="Notification settings">
      <div>
        <TextField
          name="slackWebhookUrl"
          type="url"
          label="Slack incoming webhook"
          hint={slackConfigured ? "Configured. Leave empty to keep it." : "https://hooks.slack.com/services/…"}
          placeholder={slackConfigured ? "•••• (configured)" : ""}
          defaultValue={v?.slackWebhookUrl ?? ""}
          errors={state.errors?.slackWebhookUrl}
          autoComplete="off"
        />
        {slackConfigured && (
          <label className="mt-1 inline-flex items-center gap-1.5 text-xs text-slate-700">
            <input type="checkbox" name="clearSlack" className="h-4 w-4 rounded border-slate-300" /> Stop posting to Slack
          </label>
        )}
      </div>
      <TextField
        name="approvalReminderDays"
        type="number"
        min={1}
        max={90}
        label="Remind approvers after (days)"
        hint="Escalation follows after twice as long"
        defaultValue={v?.approvalReminderDays ?? String(approvalReminderDays)}
        errors={state.errors?.approvalReminderDays}
        required
      />
      <TextField
        name="legalLeadEmail"
        type="email"
        label="Legal lead (email)"
        hint="Receives escalated legal reviews; empty: the first legal reviewer"
        defaultValue={v?.legalLeadEmail ?? legalLeadEmail ?? ""}
        errors={state.errors?.legalLeadEmail}
      />
      <div className="flex items-center gap-3 sm:col-span-3">
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
