"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { mapVendorAccountSchema, uploadVendorReportSchema } from "@/lib/validation/vendor-report";
import { importVendorReport } from "@/lib/vendor-reports/import-vendor-report";
import { KIND_LABEL } from "@/lib/vendor-reports/types";
import { mapVendorAccount } from "@/lib/vendor-reports/vendor-accounts";

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const uploadVendorReportAction = authedAction({ roles: ["admin"], schema: uploadVendorReportSchema }, async (input, person) => {
  const outcome = await importVendorReport(actor(person), { text: input.text, fileName: input.fileName || null, kind: input.kind, vendor: input.vendor });
  const file = input.fileName || "the file";
  if (outcome.status === "invalid") {
    const n = outcome.errors.length;
    return { ok: false, message: `${n === 1 ? "A problem" : `${n} problems`} in ${file}: nothing was imported. Fix the rows below and upload it again.`, data: outcome };
  }
  if (outcome.status === "already_imported") {
    return { ok: true, message: `${file} was already imported (${KIND_LABEL[outcome.kind]}, ${outcome.periodStart} to ${outcome.periodEnd}): nothing changed.`, data: outcome };
  }
  revalidatePath("/admin/vendor-reports");
  return {
    ok: true,
    message: `Imported ${KIND_LABEL[outcome.kind]}, ${outcome.periodStart} to ${outcome.periodEnd}: ${outcome.rowCount} rows (${outcome.created} new, ${outcome.updated} replacing an earlier report's).`,
    data: outcome,
  };
});

export const mapVendorAccountAction = authedAction({ roles: ["admin"], schema: mapVendorAccountSchema }, async (input, person) => {
  const [kind, id] = input.target ? input.target.split(":") : ["", ""];
  const saved = await mapVendorAccount(actor(person), { vendorId: input.vendorId, accountRef: input.accountRef, teamId: kind === "team" ? id : null, apiKeyId: kind === "key" ? id : null, label: input.label });
  revalidatePath("/admin/vendor-reports");
  return saved ? `${input.accountRef} is mapped.` : `${input.accountRef} is not mapped to anyone.`;
});
