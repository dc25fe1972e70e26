import { withSession } from "@/lib/api/with-session";
import { csvDownload } from "@/lib/csv/csv-writer";
import { recordEvidenceExport } from "@/lib/evidence/build-evidence-report";
import { eventsCsvStream } from "@/lib/evidence/events-csv";
import { parseEvidenceScope, scopeEventsWhere } from "@/lib/evidence/evidence-scope";

export const dynamic = "force-dynamic";

/** CSV of the events behind one item, a clause, or a queue filter (?item= | ?clause= | queue filters). Legal only. */
export const GET = withSession({ roles: ["legal", "admin"], forbidden: "Evidence exports are for legal reviewers and admins." }, async (request, { person }) => {
  const scope = parseEvidenceScope(request.nextUrl.searchParams);
  await recordEvidenceExport(scope, "csv", { type: "user", id: person.id });
  const { where } = await scopeEventsWhere(scope, person.id);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const name = scope.kind === "filter" ? "queue" : `${scope.kind}-${scope.id.slice(0, 8)}`;
  return csvDownload(`evidence-${name}-${stamp}.csv`, eventsCsvStream(where));
});
