"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { dismissUnmatchedTelemetry } from "@/lib/tools/unmatched-telemetry";
import { aliasEmailToPerson, removeEmailAlias } from "@/lib/tools/email-aliases";
import { aliasEmailSchema, dismissUnmatchedSchema, removeEmailAliasSchema } from "@/lib/validation/tool-connections";

export const dismissUnmatchedAction = authedAction({ roles: ["admin"], schema: dismissUnmatchedSchema }, async (input, person) => {
  const row = await dismissUnmatchedTelemetry({ type: "user", id: person.id }, input.id);
  revalidatePath("/admin/unmatched-telemetry");
  return `"${row.value}" dismissed; it comes back if a tool names it again.`;
});

export const aliasEmailAction = authedAction({ roles: ["admin"], schema: aliasEmailSchema }, async (input, person) => {
  const alias = await aliasEmailToPerson({ type: "user", id: person.id }, input);
  revalidatePath("/admin/unmatched-telemetry");
  return `${alias.email} is now an alias of ${alias.person}: telemetry and hook calls naming it count for them.`;
});

export const removeEmailAliasAction = authedAction({ roles: ["admin"], schema: removeEmailAliasSchema }, async (input, person) => {
  const alias = await removeEmailAlias({ type: "user", id: person.id }, input.id);
  revalidatePath("/admin/unmatched-telemetry");
  return `${alias.email} is no longer an alias of ${alias.user.email}.`;
});
