"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { applyPeopleImport, previewPeopleImport } from "@/lib/people/import-people";
import { placePerson, setPersonActive, setPersonRoles } from "@/lib/people/manage-person";
import { createTeam, updateTeam } from "@/lib/teams/manage-teams";
import { createTeamSchema, importPeopleSchema, placePersonSchema, setActiveSchema, setRolesSchema, updateTeamSchema } from "@/lib/validation/people";

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const setRolesAction = authedAction({ roles: ["admin"], schema: setRolesSchema }, async (input, person) => {
  const updated = await setPersonRoles(actor(person), input);
  revalidatePath(`/people/${updated.id}`);
  return `Roles saved: ${updated.roles.join(", ")}.`;
});

export const placePersonAction = authedAction({ roles: ["admin"], schema: placePersonSchema }, async (input, person) => {
  const updated = await placePerson(actor(person), input);
  revalidatePath(`/people/${updated.id}`);
  return "Team and manager saved.";
});

export const setActiveAction = authedAction({ roles: ["admin"], schema: setActiveSchema }, async (input, person) => {
  const { person: updated, revokedGrants, withdrawnRequests } = await setPersonActive(actor(person), input);
  revalidatePath(`/people/${updated.id}`);
  if (updated.active) return `${updated.name} is active again and may sign in.`;
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const revoked = revokedGrants ? `, ${plural(revokedGrants, "live grant")} revoked` : "";
  const withdrawn = withdrawnRequests ? `, ${plural(withdrawnRequests, "pending request")} withdrawn` : "";
  return `${updated.name} is deactivated: signed out, decisions deny with user_inactive${revoked}${withdrawn}.`;
});

export const importPeopleAction = authedAction({ roles: ["admin"], schema: importPeopleSchema }, async (input, person) => {
  if (input.mode === "dry-run") {
    const result = await previewPeopleImport(input.csv);
    const { create, update, unchanged } = result.counts;
    const message = result.issues.length
      ? `${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} in ${input.fileName || "the file"}: fix ${result.issues.length === 1 ? "it" : "them"} and upload the file again. Nothing was imported.`
      : `Dry run: ${create} to create, ${update} to update, ${unchanged} unchanged. Nothing is saved until you apply.`;
    return { ok: !result.issues.length, message, data: result };
  }
  const result = await applyPeopleImport(actor(person), input.csv, input.fileName);
  if (!result.applied) return { ok: false, message: "The directory changed since the dry run and the file now has problems; nothing was imported.", data: result };
  revalidatePath("/people");
  const { create, update, unchanged } = result.counts;
  return { ok: true, message: `Imported: ${create} created, ${update} updated, ${unchanged} unchanged.`, data: result };
});

export const createTeamAction = authedAction({ roles: ["admin"], schema: createTeamSchema }, async (input, person) => {
  const team = await createTeam(actor(person), input);
  revalidatePath("/people/teams");
  return `Team ${team.name} added.`;
});

export const updateTeamAction = authedAction({ roles: ["admin"], schema: updateTeamSchema }, async (input, person) => {
  const team = await updateTeam(actor(person), input);
  revalidatePath("/people/teams");
  return `${team.name} saved.`;
});
