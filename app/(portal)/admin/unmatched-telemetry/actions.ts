"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { dismissUnmatchedTelemetry } from "@/lib/tools/unmatched-telemetry";
import { dismissUnmatchedSchema } from "@/lib/validation/tool-connections";

export const dismissUnmatchedAction = authedAction({ roles: ["admin"], schema: dismissUnmatchedSchema }, async (input, person) => {
  const row = await dismissUnmatchedTelemetry({ type: "user", id: person.id }, input.id);
  revalidatePath("/admin/unmatched-telemetry");
  return `"${row.value}" dismissed; it comes back if a tool names it again.`;
});
