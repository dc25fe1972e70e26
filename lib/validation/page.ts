import { z } from "zod";

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The `page` search parameter of a paged list: 1 when absent or not a positive whole number. */
export function parsePage(value: string | string[] | undefined): number {
  return pageSchema.parse(Array.isArray(value) ? value[0] : (value ?? 1));
}
