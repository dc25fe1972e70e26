import { withSession } from "@/lib/api/with-session";
import { csvDownload } from "@/lib/csv/csv-writer";
import { grantsToCsv } from "@/lib/grants/grants-csv";
import { listGrants } from "@/lib/grants/list-grants";
import { firstParams } from "@/lib/validation/search-params";
import { grantFilterSchema } from "@/lib/validation/grant";

export const dynamic = "force-dynamic";

/** The tool-approval log as CSV, with the same filters and the same scope as the page. */
export const GET = withSession(
  { roles: ["manager", "legal", "admin"], forbidden: "Only managers, legal and admins can export the tool-approval log." },
  async (req, { person }) => {
    const filter = grantFilterSchema.parse(firstParams(req.nextUrl.searchParams));
    return csvDownload(`tool-approvals-${new Date().toISOString().slice(0, 10)}.csv`, grantsToCsv(await listGrants(person, filter)));
  },
);
