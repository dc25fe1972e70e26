"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";
import { disableWebhookAction, redeliverWebhookAction } from "./actions";

const ACTIONS = { disable: disableWebhookAction, redeliver: redeliverWebhookAction };

/** One small form per table row: disable an endpoint or redeliver one delivery. */
export function RowActionButton({ kind, id, label, confirm }: { kind: keyof typeof ACTIONS; id: string; label: string; confirm?: string }) {
  const [state, action] = useActionState<ActionState, FormData>(ACTIONS[kind], {});
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant={kind === "disable" ? "danger" : "secondary"} size="sm" pendingLabel="…" aria-label={label}>
        {kind === "disable" ? "Disable" : "Redeliver"}
      </SubmitButton>
      {state.message && (
        <span role="status" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}
