"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/action-client";
import { publishTermsVersion } from "@/lib/clauses/publish-terms-version";
import { termsVersionSchema } from "@/lib/validation/clause";

export const publishTermsAction = authedAction({ roles: ["legal"], schema: termsVersionSchema }, async (input, person) => {
  const result = await publishTermsVersion(input, { type: "user", id: person.id });
  revalidatePath("/clauses");
  revalidatePath("/review");
  redirect(`/clauses/terms/${result.termsDocumentId}?published=1`);
});
