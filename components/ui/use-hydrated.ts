"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the component in the browser.
 * A control whose value lives in React state must stay disabled until then: React does not see what was
 * typed before it hydrated (and resets a textarea to its server text), so such an edit would be lost silently.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
