import Link from "next/link";
import { LinkButton } from "@/components/ui/button";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, formatDate } from "@/components/ui/format";
import type { LegalOverview } from "@/lib/overview/legal-overview";

export function LegalPanel({ data }: { data: LegalOverview }) {
  return (
    <Card title="Legal review" actions={<LinkButton href="/review" size="sm">Review queue</LinkButton>}>
      <div className="grid gap-6 lg:grid-cols-2">
        <dl className="grid grid-cols-3 gap-4">
          <Stat label="Open review items" value={formatCount(data.openItems)} raw={data.openItems} />
          <Stat label="High or critical" value={formatCount(data.critical)} raw={data.critical} />
          <Stat label="Requests at legal stage" value={formatCount(data.pendingLegalCount)} raw={data.pendingLegalCount} />
        </dl>
        <div>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Oldest requests waiting for legal</h3>
          {data.pendingLegal.length === 0 ? (
            <EmptyState title="No requests are waiting for legal review">Requests arrive here after manager approval when a cited clause calls for legal review.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {data.pendingLegal.map((r) => (
                <li key={r.id} className="flex justify-between gap-2 py-1.5">
                  <Link href={`/requests/${r.id}`} className="truncate text-indigo-700 hover:underline">
                    {r.requester.name}: {r.tool.name} · {r.activity.name}
                  </Link>
                  <span className="shrink-0 text-xs text-slate-500">{formatDate(r.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
