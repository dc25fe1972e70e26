"use client";

import { ActionButton } from "@/components/ui/action-button";

export function PrintButton() {
  return (
    <ActionButton size="sm" onClick={() => window.print()}>
      Print or save as PDF
    </ActionButton>
  );
}
