"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { removeCap, setCap } from "@/lib/caps/manage-caps";
import { removeCapSchema, setCapSchema } from "@/lib/validation/cap";

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const setCapAction = authedAction({ roles: ["admin"], schema: setCapSchema }, async (input, person) => {
  const cap = await setCap(actor(person), input);
  revalidatePath("/admin/caps");
  return `Cap for ${cap.label} saved: ${Number(cap.monthlyTokens).toLocaleString("en-US")} tokens a month.`;
});

export const removeCapAction = authedAction({ roles: ["admin"], schema: removeCapSchema }, async (input, person) => {
  await removeCap(actor(person), input.id);
  revalidatePath("/admin/caps");
  return "Cap removed: the next default applies.";
});
