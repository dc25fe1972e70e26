"use client";

import { useFormStatus } from "react-dom";
import { Button } from "./button";
import type { ComponentProps } from "react";

/** A submit button that disables itself and says so while its form's action runs. */
export function SubmitButton({ children, pendingLabel, ...rest }: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || rest.disabled} aria-disabled={pending} {...rest}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </Button>
  );
}
