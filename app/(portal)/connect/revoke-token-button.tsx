"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { revokePersonalTokenAction } from "./actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(revokePersonalTokenAction, {});
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke "${name}"? Tools using it get 401 at once.`)) e.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…" aria-label={`Revoke ${name}`}>
        Revoke
      </SubmitButton>
      {state.message && !state.ok && (
        <span role="status" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
