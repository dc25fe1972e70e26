"use client";

import { useActionState } from "react";
import { archiveCatalogItemAction } from "@/app/(portal)/admin/catalog/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CatalogKind } from "@/lib/validation/catalog";
import { RowStatus } from "./cell-field";

/** Archive (or restore) one catalog entry; usage refers to it, so it is never deleted. */
export function ArchiveButton({ kind, id, name, archived }: { kind: CatalogKind; id: string; name: string; archived: boolean }) {
  const [state, action] = useActionState(archiveCatalogItemAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={String(!archived)} />
      <SubmitButton size="sm" variant="ghost" aria-label={`${archived ? "Restore" : "Archive"} ${name}`} pendingLabel="…">
        {archived ? "Restore" : "Archive"}
      </SubmitButton>
      <RowStatus state={state} />
    </form>
  );
}
