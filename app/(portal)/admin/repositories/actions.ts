"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { addRepositoryMapping, removeRepositoryMapping, setProjectDefaultActivity } from "@/lib/tools/manage-repository-mappings";
import { addRepositoryMappingSchema, removeRepositoryMappingSchema, setDefaultActivitySchema } from "@/lib/validation/tool-connections";

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const addRepositoryMappingAction = authedAction({ roles: ["admin"], schema: addRepositoryMappingSchema }, async (input, person) => {
  const row = await addRepositoryMapping(actor(person), input);
  revalidatePath("/admin/repositories");
  revalidatePath("/admin/unmatched-telemetry");
  return `${row.pattern} now counts as ${input.projectKey}.`;
});

export const removeRepositoryMappingAction = authedAction({ roles: ["admin"], schema: removeRepositoryMappingSchema }, async (input, person) => {
  const row = await removeRepositoryMapping(actor(person), input.id);
  revalidatePath("/admin/repositories");
  return `${row.pattern} is no longer mapped.`;
});

export const setDefaultActivityAction = authedAction({ roles: ["admin"], schema: setDefaultActivitySchema }, async (input, person) => {
  const r = await setProjectDefaultActivity(actor(person), input);
  revalidatePath("/admin/repositories");
  return r.activity ? `Tool usage on ${r.projectKey} now counts as ${r.activity} unless the tool says otherwise.` : `${r.projectKey} has no default activity: usage counts as "other".`;
});
