"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/action-client";
import { env } from "@/lib/env";
import { registerContribution } from "@/lib/provenance/register-contribution";
import { contributionSchema } from "@/lib/validation/contribution";

// The author is the signed-in person: the schema has no author field and nothing from the form is used for it.
export const registerContributionAction = authedAction({ roles: ["engineer", "legal", "admin"], schema: contributionSchema }, async (input, person) => {
  const result = await registerContribution(person.id, input, env.COMPANY_TIME_ZONE);
  revalidatePath("/contributions");
  redirect(`/contributions/${result.id}?registered=1`);
});
