import Link from "next/link";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import type { AdminOverview } from "@/lib/overview/admin-overview";

export function AdminPanel({ data }: { data: AdminOverview }) {
  const empty = data.tools === 0 && data.projects === 0 && data.people === 0;
  return (
    <Card title="Catalog">
      {empty ? (
        <EmptyState title="The catalog is empty">
          Load the demo data with <code>npm run db:seed</code>, or add tools and projects under <Link className="text-indigo-700 underline" href="/admin/catalog">Tools &amp; projects</Link>.
        </EmptyState>
      ) : (
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
          <Stat label="Tools" raw={data.tools} value={<Link href="/admin/catalog" className="hover:underline">{formatCount(data.tools)}</Link>} hint={`${data.blockedTools} blocked`} />
          <Stat label="Projects" raw={data.projects} value={formatCount(data.projects)} hint={`${data.trainingProjects} training-data`} />
          <Stat
            label="Policy version"
            raw={data.policyVersion ?? undefined}
            value={<Link href="/admin/policy" className="hover:underline">{data.policyVersion === null ? "none" : `v${data.policyVersion}`}</Link>}
            hint={`${data.policyRules} rules`}
          />
          <Stat label="Active API keys" raw={data.apiKeys} value={<Link href="/admin/api-keys" className="hover:underline">{formatCount(data.apiKeys)}</Link>} />
          <Stat label="People" raw={data.people} value={formatCount(data.people)} hint={`${data.deactivated} deactivated`} />
        </dl>
      )}
    </Card>
  );
}
