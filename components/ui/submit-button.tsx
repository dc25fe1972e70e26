"use client";

import { useFormStatus } from "react-dom";
import { Button } from "./button";
import type { ComponentProps } from "react";
import { useHydrated } from "./use-hydrated";

type Props = Omit<ComponentProps<typeof Button>, "type"> & { pendingLabel?: string };

/**
 * A submit button that disables itself and says so while its form's action runs. It is also disabled until the
 * page is interactive (the form's action state and pending guard need React). A caller's `disabled` can only add
 * to that: it cannot re-enable the button mid-submit.
 */
export function SubmitButton({ children, pendingLabel, disabled, ...rest }: Props) {
  const { pending } = useFormStatus();
  const hydrated = useHydrated();
  return (
    <Button {...rest} type="submit" disabled={!hydrated || pending || !!disabled} aria-disabled={pending || undefined}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </Button>
  );
}
