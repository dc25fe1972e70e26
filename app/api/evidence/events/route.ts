import { NextResponse, type NextRequest } from "next/server";
import { getCurrentPerson, hasRole } from "@/lib/auth/authorize";
import { recordEvidenceExport } from "@/lib/evidence/build-evidence-report";
import { eventsCsvStream } from "@/lib/evidence/events-csv";
import { parseEvidenceScope, scopeEventsWhere } from "@/lib/evidence/evidence-scope";

export const dynamic = "force-dynamic";

const error = (status: number, code: string, message: string) => NextResponse.json({ error: { code, message, fields: [] } }, { status });

/** CSV of the events behind one item, a clause, or a queue filter (?item= | ?clause= | queue filters). Legal only. */
export async function GET(request: NextRequest) {
  const person = await getCurrentPerson();
  if (!person) return error(401, "unauthenticated", "Sign in first.");
  if (!hasRole(person, "legal", "admin")) return error(403, "forbidden", "Evidence exports are for legal reviewers and admins.");
  const scope = parseEvidenceScope(request.nextUrl.searchParams);
  await recordEvidenceExport(scope, "csv", { type: "user", id: person.id });
  const { where } = await scopeEventsWhere(scope, person.id);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const name = scope.kind === "filter" ? "queue" : `${scope.kind}-${scope.id.slice(0, 8)}`;
  return new Response(eventsCsvStream(where), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="evidence-${name}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
