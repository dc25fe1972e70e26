import { LinkButton } from "@/components/ui/button";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, formatTokens, formatUsd } from "@/components/ui/format";
import type { ManagerOverview } from "@/lib/overview/manager-overview";

export function ManagerPanel({ data }: { data: ManagerOverview }) {
  return (
    <Card title={`Your org this month (${data.period})`} actions={<LinkButton href="/approvals" size="sm">Approvals</LinkButton>}>
      {data.people === 0 ? (
        <EmptyState title="Nobody reports to you in the directory">Org numbers appear once people list you as their manager. An admin can import people and teams.</EmptyState>
      ) : (
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7">
          <Stat label="People" value={formatCount(data.people)} raw={data.people} />
          <Stat label="Tokens" value={formatTokens(data.tokens)} raw={data.tokens} />
          <Stat label="Spend" value={formatUsd(data.spendUsd)} raw={data.spendUsd} />
          <Stat label="Pending approvals" value={formatCount(data.pendingApprovals)} raw={data.pendingApprovals} />
          <Stat label="Over 80% of cap" value={formatCount(data.over80)} raw={data.over80} hint="of the external-tools cap" />
          <Stat label="Over cap" value={formatCount(data.over100)} raw={data.over100} hint="external tools refused; in-house open" />
          <Stat label="Policy violations" value={formatCount(data.violations)} raw={data.violations} />
        </dl>
      )}
    </Card>
  );
}
