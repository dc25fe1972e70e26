"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { FormMessage, TextAreaField } from "@/components/ui/form-field";
import { ClientFieldset } from "@/components/ui/client-fieldset";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  itemId: string;
  version: number;
  canRevoke: boolean;
  hasManager: boolean;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** Clear, confirm (with a note and follow-ups) or escalate. Carries the version the reviewer saw. */
export function OutcomeForm({ itemId, version, canRevoke, hasManager, action }: Props) {
  const [state, formAction] = useActionState(action, {});
  const [outcome, setOutcome] = useState(state.values?.outcome ?? "");
  const err = (k: string) => state.errors?.[k];
  return (
    <form action={formAction} className="space-y-3" aria-label="Record an outcome">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <ClientFieldset>
        <legend className="text-sm font-medium text-slate-800">Outcome</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {[
            ["cleared", "Clear (no breach)"],
            ["confirmed", "Confirm violation"],
            ["escalated", "Escalate"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
              {label}
            </label>
          ))}
        </div>
        {err("outcome")?.map((e) => <p key={e} className="text-xs text-red-700">{e}</p>)}
      </ClientFieldset>
      <TextAreaField name="note" label="Note" hint="Required when confirming: what was breached and why." errors={err("note")} defaultValue={state.values?.note} />
      {outcome === "confirmed" && (
        <fieldset className="space-y-1 rounded-md border border-slate-200 p-3 text-sm">
          <legend className="px-1 text-sm font-medium text-slate-800">Follow-ups</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="notifyManager" defaultChecked={hasManager} disabled={!hasManager} aria-describedby="notify-hint" />
            Notify the person&apos;s manager
          </label>
          {!hasManager && <p id="notify-hint" className="text-xs text-slate-500">No manager on record.</p>}
          {err("notifyManager")?.map((e) => <p key={e} className="text-xs text-red-700">{e}</p>)}
          <label className="flex items-center gap-2">
            <input type="checkbox" name="revokeGrants" defaultChecked={canRevoke} disabled={!canRevoke} />
            Revoke the person&apos;s grants for this tool
          </label>
          {err("revokeGrants")?.map((e) => <p key={e} className="text-xs text-red-700">{e}</p>)}
        </fieldset>
      )}
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Recording…">Record outcome</SubmitButton>
    </form>
  );
}
