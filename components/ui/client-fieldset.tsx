"use client";

import type { FieldsetHTMLAttributes } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * Groups controls whose values live in React state (editors that send JSON, live previews, row selections):
 * every control inside is disabled until the page is interactive, so nothing typed or clicked is lost to
 * hydration. Without a legend it adds no box and no semantics of its own.
 */
export function ClientFieldset({ disabled, className = "", children, ...rest }: FieldsetHTMLAttributes<HTMLFieldSetElement>) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated || disabled} aria-busy={!hydrated || undefined} className={`m-0 min-w-0 border-0 p-0 ${className}`} {...rest}>
      {children}
    </fieldset>
  );
}
