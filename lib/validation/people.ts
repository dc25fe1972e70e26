import { z } from "zod";
import { MAX_IMPORT_CHARS } from "@/lib/people/import-limits";
import { freeText } from "./text";
import { Role } from "../generated/prisma/enums";

const id = z.string().trim().min(1, "Missing id.");
/** An optional reference from a select: "" means none. */
const optionalRef = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));

export const ROLE_VALUES = Object.values(Role);
export const PEOPLE_SORTS = ["name", "email", "team", "manager", "created"] as const;
export const PEOPLE_STATUSES = ["active", "inactive", "all"] as const;

/** The People page's URL: anything unexpected falls back to the default instead of failing the page. */
export const peopleQuerySchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  team: z.string().trim().max(200).catch("").default(""),
  role: z.enum(Role).optional().catch(undefined),
  status: z.enum(PEOPLE_STATUSES).catch("active").default("active"),
  sort: z.enum(PEOPLE_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

export const setRolesSchema = z.object({
  id,
  // checkboxes named "roles[]": none ticked sends nothing at all
  roles: z.preprocess((v) => (v === undefined ? [] : typeof v === "string" ? [v] : v), z.array(z.enum(Role, "Unknown role.")).min(1, "Give the person at least one role.")),
});
export type SetRolesInput = z.infer<typeof setRolesSchema>;

export const placePersonSchema = z.object({
  id,
  teamId: optionalRef,
  /** the manager's email ("" for none): a text field scales to any directory, a select would not */
  managerEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email("Enter the manager's email address, or leave it empty for none.").nullable()),
});
export type PlacePersonInput = z.infer<typeof placePersonSchema>;

export const setActiveSchema = z.object({
  id,
  active: z.enum(["true", "false"], "Say whether to deactivate or reactivate.").transform((v) => v === "true"),
});
export type SetActiveInput = z.infer<typeof setActiveSchema>;

export const createTeamSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2–63 lowercase letters, digits and dashes, e.g. ads-platform."),
  name: freeText({ min: 2, max: 80, required: "Name the team (at least 2 characters).", tooShort: "Name the team (at least 2 characters).", tooLong: "At most 80 characters." }),
  parentId: optionalRef,
});
export type CreateTeamInput = z.infer<typeof createTeamSchema>;

export const updateTeamSchema = z.object({ id, name: createTeamSchema.shape.name, parentId: optionalRef });
export type UpdateTeamInput = z.infer<typeof updateTeamSchema>;

export const importPeopleSchema = z.object({
  csv: z.string().min(1, "Choose a CSV file.").max(MAX_IMPORT_CHARS, "The file is too large: split it into files under 900 KB (about 10,000 people)."),
  fileName: z.string().trim().max(200).optional().default(""),
  mode: z.enum(["dry-run", "apply"]).default("dry-run"),
});
export type ImportPeopleInput = z.infer<typeof importPeopleSchema>;

/** One CSV row's cells after the header mapped them; undefined = the column is not in the file (left as it is). */
export const importRowSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Not an email address.")),
  name: freeText({ max: 120, required: "Give the person's name.", tooLong: "At most 120 characters." }),
  employeeId: z.string().trim().max(64, "At most 64 characters.").optional(),
  team: z.string().trim().max(120, "At most 120 characters.").optional(),
  managerEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .pipe(z.union([z.literal(""), z.email("Not an email address.")]).optional()),
  roles: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const names = v
        .split(/[;,|\s]+/)
        .map((r) => r.trim().toLowerCase())
        .filter(Boolean);
      if (!names.length) {
        ctx.addIssue({ code: "custom", message: "Give at least one role (engineer, manager, legal, admin)." });
        return z.NEVER;
      }
      const unknown = names.filter((r) => !(ROLE_VALUES as string[]).includes(r));
      if (unknown.length) {
        ctx.addIssue({ code: "custom", message: `Unknown role ${unknown.map((r) => `"${r}"`).join(", ")}: use engineer, manager, legal or admin.` });
        return z.NEVER;
      }
      return [...new Set(names)].sort() as Role[];
    }),
});
export type ImportRow = z.infer<typeof importRowSchema>;
