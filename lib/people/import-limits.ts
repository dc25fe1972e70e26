// Shared by the import form (a client component) and its schema: kept free of zod so the browser bundle does
// not load zod, whose compiled parsers trip the Content-Security-Policy's eval rule.

/** About 10,000 rows; server actions accept bodies up to 1 MB. */
export const MAX_IMPORT_CHARS = 900_000;
