import { getCurrentPerson, hasRole } from "@/lib/auth/authorize";
import { grantsToCsv } from "@/lib/grants/grants-csv";
import { listGrants } from "@/lib/grants/list-grants";
import { firstParams, grantFilterSchema } from "@/lib/validation/request";

export const dynamic = "force-dynamic";

/** The tool-approval log as CSV, with the same filters and the same scope as the page. */
export async function GET(req: Request) {
  const person = await getCurrentPerson();
  if (!person) return new Response("Sign in first.", { status: 401 });
  if (!hasRole(person, "manager", "legal", "admin")) return new Response("Only managers, legal and admins can export the tool-approval log.", { status: 403 });
  const filter = grantFilterSchema.parse(firstParams(new URL(req.url).searchParams));
  const csv = grantsToCsv(await listGrants(person, filter));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tool-approvals-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
