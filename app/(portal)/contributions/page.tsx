import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { ContributionForm } from "@/components/contributions/contribution-form";
import { ContributionStatusBadge } from "@/components/contributions/contribution-status";
import { Pager } from "@/components/review/pager";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { listContributions, listTrainingDataProjects } from "@/lib/provenance/list-contributions";
import { registerContributionAction } from "./actions";

export const metadata = { title: "Training-data contributions" };

const STATUSES = ["pending", "clean", "contaminated"] as const;

export default async function ContributionsPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const person = await requireRole("engineer", "legal", "admin");
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  const page = Math.max(1, Number(sp.page) || 1);
  const [list, projects] = await Promise.all([listContributions(person, { status, page, pageSize: 50 }), listTrainingDataProjects()]);
  const tz = env.COMPANY_TIME_ZONE;
  const href = (p: number) => `/contributions?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader
        title="Training-data contributions"
        description="Before a dataset or coding challenge enters a training pipeline, its author registers it and attests it is handmade. Guardrail checks the author's external-tool usage on that project during the authoring window."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Register a contribution" className="lg:col-span-1">
          <p className="mb-3 text-xs text-slate-600">You register as yourself ({person.name}).</p>
          <ContributionForm projects={projects} timeZone={tz} action={registerContributionAction} />
        </Card>
        <Card title={list.seesAll ? "All contributions" : "Your contributions"} className="lg:col-span-2">
          <nav aria-label="Filter by status" className="mb-2 flex gap-3 text-xs">
            <Link href="/contributions" aria-current={!status ? "page" : undefined} className={!status ? "font-semibold" : "text-indigo-700"}>All</Link>
            {STATUSES.map((s) => (
              <Link key={s} href={`/contributions?status=${s}`} aria-current={status === s ? "page" : undefined} className={status === s ? "font-semibold" : "text-indigo-700"}>{s}</Link>
            ))}
          </nav>
          {list.total === 0 ? (
            <EmptyState title="No contributions yet">Register one with the form before it enters a training pipeline.</EmptyState>
          ) : (
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Contributions</caption>
              <thead className="text-left text-xs font-semibold text-slate-600">
                <tr><th scope="col" className="py-1 pr-3">Artifact</th>{list.seesAll && <th scope="col" className="py-1 pr-3">Author</th>}<th scope="col" className="py-1 pr-3">Project</th><th scope="col" className="py-1 pr-3">Window</th><th scope="col" className="py-1 pr-3">Result</th><th scope="col" className="py-1">Checked</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.items.map((c) => (
                  <tr key={c.id}>
                    <td className="py-1.5 pr-3"><Link href={`/contributions/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.artifactRef}</Link></td>
                    {list.seesAll && <td className="py-1.5 pr-3">{c.author.name}</td>}
                    <td className="py-1.5 pr-3">{c.project.key}</td>
                    <td className="py-1.5 pr-3 whitespace-nowrap">{formatDate(c.windowStart, tz)} – {formatDate(new Date(c.windowEnd.getTime() - 1), tz)}</td>
                    <td className="py-1.5 pr-3"><ContributionStatusBadge status={c.status} />{c.evidenceEventCount > 0 && <span className="ml-1 text-xs">{c.evidenceEventCount} events</span>}</td>
                    <td className="py-1.5 text-xs">{c.checkedAt ? formatDateTime(c.checkedAt, tz) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={page} pages={list.pages} href={href} label="Contribution pages" />
        </Card>
      </div>
    </>
  );
}
