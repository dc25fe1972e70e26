import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { inputClass } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireRole } from "@/lib/auth/authorize";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { env } from "@/lib/env";
import { auditFilterSchema, type AuditFilter } from "@/lib/validation/audit";
import { CheckpointButton } from "./checkpoint-button";
import { VerifyChainButton } from "./verify-chain-button";

export const metadata = { title: "Audit log" };

const COLUMNS = [
  { key: "seq", header: "#", sortable: true, numeric: true },
  { key: "at", header: "Time", sortable: true },
  { key: "actor", header: "Actor", sortable: true },
  { key: "action", header: "Action", sortable: true },
  { key: "entity", header: "Entity", sortable: true },
  { key: "data", header: "Data" },
];

function pageHref(filter: AuditFilter, page: number) {
  const q = new URLSearchParams();
  if (filter.action) q.set("action", filter.action);
  if (filter.entityType) q.set("entityType", filter.entityType);
  if (filter.entityId) q.set("entityId", filter.entityId);
  q.set("page", String(page));
  return `/admin/audit?${q}`;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("legal", "admin");
  const filter = auditFilterSchema.parse(await searchParams);
  const log = await listAuditEntries(filter);
  const rows: Row[] = log.entries.map((e) => ({
    id: String(e.seq),
    values: { seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: `${e.entityType} ${e.entityId ?? ""}`, data: e.data },
    cells: {
      at: <time className="whitespace-nowrap" dateTime={e.at}>{formatDateTime(e.at, env.COMPANY_TIME_ZONE)}</time>,
      actor: (
        <span className="flex items-center gap-1.5 whitespace-nowrap">
          <Badge>{e.actorType.replace("_", " ")}</Badge>
          {e.actor}
        </span>
      ),
      action: <code className="whitespace-nowrap text-xs">{e.action}</code>,
      entity: (
        <span className="text-xs">
          {e.entityType}
          {e.entityId && <span className="block max-w-48 truncate font-mono text-slate-500" title={e.entityId}>{e.entityId}</span>}
        </span>
      ),
      data: <code className="block max-w-md truncate text-xs text-slate-600" title={e.data}>{e.data}</code>,
    },
  }));
  const filtered = !!(filter.action || filter.entityType || filter.entityId);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every decision, approval, revocation, policy or clause change and key creation, append-only and hash-chained. Verifying recomputes every hash and names the first entry that was altered or removed. Every hour the chain head is signed and published outside the database (checkpoints), so a rewrite of the whole chain is caught too."
        actions={
          <div className="flex flex-col items-end gap-2">
            <VerifyChainButton />
            {hasRole(person, "admin") && <CheckpointButton />}
          </div>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div>
          <label htmlFor="f-action" className="block text-xs font-medium text-slate-700">Action</label>
          <select id="f-action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Any action</option>
            {log.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-entity" className="block text-xs font-medium text-slate-700">Entity type</label>
          <select id="f-entity" name="entityType" defaultValue={filter.entityType ?? ""} className={inputClass}>
            <option value="">Any entity</option>
            {log.entityTypes.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-entity-id" className="block text-xs font-medium text-slate-700">Entity id</label>
          <input id="f-entity-id" name="entityId" defaultValue={filter.entityId ?? ""} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass("primary")}>Apply filters</button>
        {filtered && <Link href="/admin/audit" className={buttonClass("ghost")}>Clear</Link>}
      </form>
      <p className="mb-2 text-xs text-slate-600" aria-live="polite">
        {formatCount(log.total)} {log.total === 1 ? "entry" : "entries"}{filtered ? " match" : ""} · page {log.page} of {log.pageCount}
      </p>
      {log.total === 0 ? (
        <EmptyState title={filtered ? "No entries match these filters" : "The audit log is empty"}>
          {filtered ? "Clear the filters to see every entry." : "Entries appear as soon as anyone changes policy, decides a request or creates an API key."}
        </EmptyState>
      ) : (
        <DataTable caption="Audit log entries" columns={COLUMNS} rows={rows} initialSort={{ key: "seq", dir: "desc" }} filterLabel="Filter this page" />
      )}
      {log.pageCount > 1 && (
        <nav aria-label="Audit log pages" className="mt-3 flex items-center gap-2">
          {log.page > 1 && <Link className={buttonClass("secondary", "sm")} href={pageHref(filter, log.page - 1)}>Newer</Link>}
          {log.page < log.pageCount && <Link className={buttonClass("secondary", "sm")} href={pageHref(filter, log.page + 1)}>Older</Link>}
        </nav>
      )}
    </>
  );
}
