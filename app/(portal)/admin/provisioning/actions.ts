"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { createGroupMapping, removeGroupMapping } from "@/lib/scim/group-mappings";
import { createGroupMappingSchema, removeGroupMappingSchema } from "@/lib/validation/scim-mapping";

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });
const people = (n: number) => (n === 1 ? "1 person" : `${n} people`);

export const createGroupMappingAction = authedAction({ roles: ["admin"], schema: createGroupMappingSchema }, async (input, person) => {
  const { mapping, changed } = await createGroupMapping(actor(person), input);
  revalidatePath("/admin/provisioning");
  return { ok: true, message: `Mapped "${mapping.groupName}"; ${people(changed)} updated.` };
});

export const removeGroupMappingAction = authedAction({ roles: ["admin"], schema: removeGroupMappingSchema }, async (input, person) => {
  const { mapping, changed } = await removeGroupMapping(actor(person), input.id);
  revalidatePath("/admin/provisioning");
  return { ok: true, message: `Mapping for "${mapping.groupName}" removed; ${people(changed)} updated.` };
});
