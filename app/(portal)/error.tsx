"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button, LinkButton } from "@/components/ui/button";

/**
 * A portal page that failed to render. It says what happened in plain words and offers a retry; the raw error
 * never reaches the browser (Next sends only a digest in production), the digest is the reference an admin can
 * find in the server log.
 */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const retry = () =>
    startRetry(() => {
      // The page is a server component: fetch it again, then re-render the segment.
      router.refresh();
      reset();
    });
  return (
    <div role="alert" className="mx-auto max-w-lg py-12 text-center">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-3 text-sm text-slate-600">
        The server could not put this page together just now. Nothing you saved before is lost. Try again; if it keeps failing, give an admin
        {error.digest ? (
          <>
            {" "}
            this reference: <code className="rounded bg-slate-100 px-1 font-mono text-xs">{error.digest}</code>.
          </>
        ) : (
          " the time it happened."
        )}
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <Button onClick={retry} disabled={retrying}>
          {retrying ? "Retrying…" : "Try again"}
        </Button>
        <LinkButton href="/">Back to your overview</LinkButton>
      </div>
    </div>
  );
}
