import Link from "next/link";
import { ImportForm } from "@/components/people/import-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/authorize";

export const metadata = { title: "Import people · Guardrail" };

export default async function ImportPeoplePage() {
  await requireRole("admin");
  return (
    <div className="space-y-5">
      <PageHeader
        title="Import people"
        description="Adds and updates people from a CSV file. Check the file first: the dry run names every problem by row and field and lists what would change. Applying writes everything in one transaction, with an audit entry per person; the same file imported again changes nothing. Importing never deactivates anyone."
        actions={<Link href="/people" className="text-sm text-indigo-700 hover:underline">← All people</Link>}
      />
      <Card title="Check and apply a file">
        <ImportForm />
      </Card>
      <Card title="Example">
        <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">
          {`email,name,team,manager email,roles
ana@example.com,Ana Lima,Engineering,manager@example.com,engineer
cy@example.com,Cy Park,platform,ana@example.com,engineer;manager`}
        </pre>
        <p className="mt-2 text-xs text-slate-600">Teams are named by name or slug and must exist (create them on the Teams page). A manager may be someone in the directory or further down the same file.</p>
      </Card>
    </div>
  );
}
