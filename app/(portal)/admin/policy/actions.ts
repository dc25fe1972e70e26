"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/action-client";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { parseRuleSet, savePolicySchema } from "@/lib/validation/policy";

export const savePolicyAction = authedAction({ roles: ["admin"], schema: savePolicySchema }, async (input, person) => {
  const rules = parseRuleSet(input.rules);
  const { version } = await savePolicyVersion({ type: "user", id: person.id }, { baseVersion: input.baseVersion, note: input.note, rules });
  revalidatePath("/admin/policy");
  revalidatePath("/allowed");
  redirect(`/admin/policy/versions/${version}?saved=1`);
});
