// Every redirect target that comes from a request (the sign-in page's callbackUrl, next-auth's redirect callback)
// goes through here, so only a path on this portal is ever followed.

/** Stands in for the portal's origin when only a path is wanted: nothing can legitimately resolve to it. */
const PATH_ONLY_ORIGIN = "http://guardrail.invalid";
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The same-origin path (with query and fragment) a redirect target names, or "/" when it names anything else.
 * Parsed the way browsers parse a Location (WHATWG URL: backslashes are slashes, tabs and newlines dropped), so
 * `/\evil.example`, `/%09/evil.example` (decoded to a tab) and `//evil` are seen as the other hosts they are. An
 * absolute URL counts only on `origin`; leading slashes are collapsed so the result is never protocol-relative.
 */
export function sameOriginPath(target: unknown, origin: string = PATH_ONLY_ORIGIN): string {
  const value = Array.isArray(target) ? target[0] : target;
  if (typeof value !== "string" || !(value.startsWith("/") || ABSOLUTE_URL.test(value))) return "/";
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  return url.pathname.replace(/^\/+/, "/") + url.search + url.hash;
}

/** next-auth's redirect callback: an absolute URL on `baseUrl` for any same-origin target, else `baseUrl` itself. */
export function sameOriginUrl(target: string, baseUrl: string): string {
  return new URL(sameOriginPath(target, new URL(baseUrl).origin), baseUrl).toString();
}
