"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Snippet } from "@/lib/tools/connect-snippets";

/** One ready-made settings file: where it goes, what it does, the text, and a copy button. */
export function SnippetBlock({ snippet }: { snippet: Snippet }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {snippet.tool} <span className="font-normal text-slate-500">· {snippet.file}</span>
        </h3>
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Copy the ${snippet.tool} snippet (${snippet.file})`}
          onClick={async () => {
            await navigator.clipboard?.writeText(snippet.text).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs text-slate-600">{snippet.note}</p>
      <pre tabIndex={0} data-snippet={snippet.id} className="focus-visible:outline-2 focus-visible:outline-indigo-600 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        <code>{snippet.text}</code>
      </pre>
    </section>
  );
}
