// Reading a page's URL search parameters before a schema parses them.

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** First value of each search param, for schemas that read the URL. */
export function firstParams(params: SearchParams): Record<string, string> {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && !(key in flat)) flat[key] = first;
  }
  return flat;
}
