// PostgreSQL text cannot hold U+0000, and its JSON functions refuse unpaired UTF-16 surrogates ("\ud800"),
// while JSON.parse accepts both. A string that reaches a statement with either fails the whole statement
// (a 500 that also drops the valid lines sent with it), so the boundary refuses such text up front.

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

/** True when PostgreSQL can store the string as text. Use in zod: `.refine(isStorableText, { error: UNSTORABLE_TEXT_MESSAGE })`. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}
