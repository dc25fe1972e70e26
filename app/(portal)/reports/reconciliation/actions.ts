"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { setGapThreshold } from "@/lib/reconciliation/gap-threshold";
import { gapThresholdSchema } from "@/lib/validation/reconciliation";

export const saveGapThresholdAction = authedAction({ roles: ["admin"], schema: gapThresholdSchema }, async (input, person) => {
  await setGapThreshold(input, { type: "user", id: person.id });
  revalidatePath("/reports/reconciliation");
  return `Threshold saved: a gap opens a review item above ${input.tokens.toLocaleString("en-US")} tokens and ${input.percent}% of the vendor's figure.`;
});
