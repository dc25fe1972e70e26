"use client";

import type { ComponentProps } from "react";
import { Button } from "./button";
import { useHydrated } from "./use-hydrated";

/** A button that runs browser code on click: disabled until the page is interactive, when a click would do nothing. */
export function ActionButton({ disabled, ...rest }: ComponentProps<typeof Button>) {
  const hydrated = useHydrated();
  return <Button {...rest} disabled={!hydrated || disabled} />;
}
