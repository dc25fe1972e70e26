import { z } from "zod";
import { isStorableText } from "@/lib/security/storable-text";

// The one way free text enters Guardrail (names, messages, justifications, comments, notes, reasons...):
// 1. a NUL character (U+0000) or an unpaired surrogate is a field error: PostgreSQL cannot store either, and
//    letting one through fails the whole statement ("Something went wrong", SQLSTATE 22021);
// 2. the text is NFC-normalised, and whitespace and invisible format characters (Unicode category Cf: zero-width
//    spaces and joiners, the byte-order mark, bidi marks) are trimmed from both ends;
// 3. the minimum counts visible characters (format characters inside the text do not count), the maximum counts
//    what is stored.
// So "x" followed by four zero-width spaces is "x": one character, not five.

export const NUL_MESSAGE = "Remove the NUL character (U+0000); it cannot be stored.";
export const SURROGATE_MESSAGE = "Remove the broken character (an unpaired UTF-16 surrogate); it cannot be stored.";

const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;
const FORMAT = /\p{Cf}/gu;

/** NFC, without whitespace or format characters at either end. */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(EDGES, "");
}

/** Characters a reader sees: code points that are not format characters. */
export function visibleLength(value: string): number {
  let n = 0;
  for (const ch of value.replace(FORMAT, "")) if (ch) n++;
  return n;
}

type Messages = {
  /** no text at all (or only invisible characters), and when the value is not a string */
  required?: string;
  /** fewer than `min` visible characters */
  tooShort?: string;
  /** more than `max` characters */
  tooLong?: string;
  /** override for NUL (the machine API words its errors differently) */
  nul?: string;
};

/** A string PostgreSQL can store, cleaned (NFC, edges trimmed); length checks are the caller's. */
export function storableText(messages: Pick<Messages, "required" | "nul"> = {}) {
  return z
    .string({ error: messages.required ?? "Enter some text." })
    .refine((v) => !v.includes("\u0000"), { error: messages.nul ?? NUL_MESSAGE, abort: true })
    .refine(isStorableText, { error: messages.nul ?? SURROGATE_MESSAGE, abort: true })
    .overwrite(cleanText);
}

/** Required free text: at least `min` (default 1) visible characters, at most `max` stored. */
export function freeText(options: { min?: number; max: number } & Messages) {
  const min = Math.max(1, options.min ?? 1);
  const required = options.required ?? (min > 1 ? `Enter at least ${min} characters.` : "Enter some text.");
  return storableText(options)
    .refine((v) => visibleLength(v) > 0, { error: required, abort: true })
    .refine((v) => visibleLength(v) >= min, { error: options.tooShort ?? `Enter at least ${min} characters.`, abort: true })
    .max(options.max, { error: options.tooLong ?? `At most ${options.max.toLocaleString("en-US")} characters.` });
}

/** Optional free text: absent, empty or invisible-only is undefined; otherwise as freeText. */
export function optionalFreeText(options: { min?: number; max: number } & Omit<Messages, "required">) {
  const min = options.min ?? 0;
  return storableText(options)
    .refine((v) => visibleLength(v) === 0 || visibleLength(v) >= min, { error: options.tooShort ?? `Enter at least ${min} characters.`, abort: true })
    .max(options.max, { error: options.tooLong ?? `At most ${options.max.toLocaleString("en-US")} characters.` })
    .optional()
    .transform((v) => (v && visibleLength(v) > 0 ? v : undefined));
}
