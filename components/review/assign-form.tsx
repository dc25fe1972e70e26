"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { FormMessage, inputClass } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  itemId: string;
  currentId: string | null;
  reviewers: { id: string; name: string }[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

export function AssignForm({ itemId, currentId, reviewers, action }: Props) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Assign this item">
      <input type="hidden" name="itemId" value={itemId} />
      <div>
        <label htmlFor="assignee" className="block text-xs font-medium text-slate-700">Reviewer</label>
        <select id="assignee" name="assigneeId" defaultValue={currentId ?? ""} className={`${inputClass} w-48`}>
          <option value="">Unassigned</option>
          <option value="me">Me</option>
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>{r.name}</option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" size="sm">Assign</SubmitButton>
      <div className="basis-full"><FormMessage state={state} /></div>
    </form>
  );
}
