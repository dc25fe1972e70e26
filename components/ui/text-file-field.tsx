"use client";

import { useState, type ReactNode } from "react";

export type PickedFile = { name: string; text: string };

/**
 * A file read in the browser and sent as text (server actions take text): the picked file, a read error (too large)
 * and the input's change handler. `onPick` runs on every pick, before the file is read.
 */
export function useTextFile(maxChars: number, tooLargeMessage: string, onPick?: () => void) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setReadError(null);
    onPick?.();
    if (!f) return setFile(null);
    const text = await f.text();
    if (text.length > maxChars) setReadError(tooLargeMessage);
    setFile({ name: f.name, text });
  };
  return { file, readError, pick };
}

/** The labelled file input with its hint and its errors (the read error and the server's field errors). */
export function TextFileField(props: {
  id: string;
  label: string;
  accept: string;
  hint: ReactNode;
  errors: (string | null | undefined)[];
  onChange: (e: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  const { id, label, accept, hint, errors, onChange } = props;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} type="file" accept={accept} onChange={onChange} aria-describedby={`${id}-hint ${id}-error`} className="block text-sm" />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      <div id={`${id}-error`} aria-live="polite">
        {errors.filter((e): e is string => !!e).map((e) => (
          <p key={e} className="text-xs text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
