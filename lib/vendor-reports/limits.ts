// Shared by the upload form (a client component) and the server: kept free of zod and of the database.

/** The largest file POST /api/v1/vendor-reports takes (larger: 413, nothing stored). */
export const MAX_VENDOR_REPORT_BYTES = 20 * 1024 * 1024;
/** The largest file the portal's upload form takes: server actions accept bodies up to 1 MB. */
export const MAX_UPLOAD_CHARS = 900_000;
