import "server-only";
import { prisma } from "@/lib/db/client";
import { randomUUID } from "node:crypto";
import { appendAuditEntries, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import type { Role } from "@/lib/generated/prisma/enums";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { parsePeopleCsv, type CsvRow, type RowIssue } from "./parse-people-csv";

export type ImportChangeKind = "create" | "update" | "unchanged";
export type ImportChange = { row: number; email: string; name: string; kind: ImportChangeKind; details: string[] };
export type ImportResult = {
  issues: RowIssue[];
  changes: ImportChange[];
  counts: Record<ImportChangeKind, number>;
  /** true once the changes are written; a file with any issue writes nothing */
  applied: boolean;
};

type Existing = { id: string; email: string; employeeId: string; name: string; roles: Role[]; teamId: string | null; managerId: string | null; active: boolean };
type Planned = {
  row: CsvRow;
  existing: Existing | null;
  data: { name: string; employeeId: string; roles: Role[]; teamId: string | null };
  /** the manager's email, or null for none; undefined leaves it as it is */
  managerEmail: string | null | undefined;
  change: ImportChange;
};

const sameRoles = (a: Role[], b: Role[]) => [...a].sort().join() === [...b].sort().join();

/** Works out what the file would change, against the directory as `db` sees it. Rows with an issue change nothing. */
async function planImport(db: Tx, text: string) {
  const parsed = parsePeopleCsv(text);
  const issues = [...parsed.issues];
  const [users, teams] = await Promise.all([
    db.user.findMany({ select: { id: true, email: true, employeeId: true, name: true, roles: true, teamId: true, managerId: true, active: true } }),
    db.team.findMany({ select: { id: true, slug: true, name: true } }),
  ]);
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const byId = new Map(users.map((u) => [u.id, u]));
  const byEmployeeId = new Map(users.map((u) => [u.employeeId.toLowerCase(), u]));
  const teamByKey = new Map<string, { id: string; name: string }>();
  for (const t of teams) teamByKey.set(t.name.toLowerCase(), t).set(t.slug.toLowerCase(), t);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));

  const firstRowOf = new Map<string, number>();
  const firstEmployeeIdRow = new Map<string, number>();
  const inFile = new Map<string, CsvRow>();
  const valid: CsvRow[] = [];
  for (const row of parsed.rows) {
    const rowIssues: RowIssue[] = [];
    const issue = (field: string, message: string) => rowIssues.push({ row: row.row, field, message });
    const earlier = firstRowOf.get(row.email);
    if (earlier) issue("email", `${row.email} is also on row ${earlier}; list each person once.`);
    else firstRowOf.set(row.email, row.row);
    if (row.team && !teamByKey.has(row.team.toLowerCase())) issue("team", `No team "${row.team}". Create it on the Teams page first, or use an existing team's name or slug.`);
    if (row.employeeId) {
      const key = row.employeeId.toLowerCase();
      const holder = byEmployeeId.get(key);
      if (holder && holder.email.toLowerCase() !== row.email) issue("employee id", `${row.employeeId} belongs to ${holder.email}.`);
      const seen = firstEmployeeIdRow.get(key);
      if (seen) issue("employee id", `${row.employeeId} is also on row ${seen}.`);
      else firstEmployeeIdRow.set(key, row.row);
    }
    issues.push(...rowIssues);
    if (!rowIssues.length) {
      valid.push(row);
      inFile.set(row.email, row);
    }
  }

  // Managers may be anyone in the directory or in the file; the resulting reporting lines must not loop.
  const finalManagerOf = (email: string): string | null => {
    const row = inFile.get(email);
    if (row && row.managerEmail !== undefined) return row.managerEmail || null;
    const u = byEmail.get(email);
    const m = u?.managerId ? byId.get(u.managerId) : undefined;
    return m ? m.email.toLowerCase() : null;
  };
  const checked: CsvRow[] = [];
  for (const row of valid) {
    const m = row.managerEmail;
    let problem: string | null = null;
    if (m) {
      const manager = byEmail.get(m);
      if (m === row.email) problem = "A person cannot be their own manager.";
      else if (!manager && !inFile.has(m)) problem = `${m} is neither in the directory nor in this file.`;
      else if (manager && !manager.active && !inFile.has(m)) problem = `${m} is deactivated; choose an active manager.`;
      else {
        const chain = [row.email];
        for (let at: string | null = m; at && chain.length < 10_000; at = finalManagerOf(at)) {
          if (at === row.email) {
            problem = `This would make a reporting loop: ${[...chain, at].join(" → ")}.`;
            break;
          }
          chain.push(at);
        }
      }
    }
    if (problem) issues.push({ row: row.row, field: "manager email", message: problem });
    else checked.push(row);
  }

  const planned: Planned[] = checked.map((row) => {
    const existing = byEmail.get(row.email) ?? null;
    const teamId = row.team === undefined ? (existing?.teamId ?? null) : row.team ? teamByKey.get(row.team.toLowerCase())!.id : null;
    const data = {
      name: row.name,
      employeeId: row.employeeId || existing?.employeeId || row.email,
      roles: row.roles ?? existing?.roles ?? (["engineer"] as Role[]),
      teamId,
    };
    const details: string[] = [];
    let kind: ImportChangeKind = "create";
    const managerEmail = row.managerEmail === undefined ? undefined : row.managerEmail || null;
    if (!existing) {
      details.push(`roles ${data.roles.join(", ")}`);
      if (teamId) details.push(`team ${teamName.get(teamId)}`);
      if (managerEmail) details.push(`manager ${managerEmail}`);
    } else {
      if (existing.name !== data.name) details.push(`name "${existing.name}" → "${data.name}"`);
      if (existing.employeeId !== data.employeeId) details.push(`employee id ${existing.employeeId} → ${data.employeeId}`);
      if (!sameRoles(existing.roles, data.roles)) details.push(`roles ${existing.roles.join(", ")} → ${data.roles.join(", ")}`);
      if (existing.teamId !== teamId) details.push(`team ${existing.teamId ? teamName.get(existing.teamId) : "none"} → ${teamId ? teamName.get(teamId) : "none"}`);
      const currentManager = existing.managerId ? (byId.get(existing.managerId)?.email.toLowerCase() ?? null) : null;
      if (managerEmail !== undefined && currentManager !== managerEmail) details.push(`manager ${currentManager ?? "none"} → ${managerEmail ?? "none"}`);
      kind = details.length ? "update" : "unchanged";
    }
    return { row, existing, data, managerEmail, change: { row: row.row, email: row.email, name: row.name, kind, details } };
  });
  issues.sort((a, b) => a.row - b.row);
  return { issues, planned, byEmail };
}

/** New people ordered so that a manager who is also new comes before everyone who reports to them (no loops: checked). */
function managersFirst(created: Planned[]): Planned[] {
  const byEmail = new Map(created.map((p) => [p.row.email, p]));
  const out: Planned[] = [];
  const placed = new Set<string>();
  const place = (p: Planned) => {
    if (placed.has(p.row.email)) return;
    placed.add(p.row.email);
    const manager = p.managerEmail ? byEmail.get(p.managerEmail) : undefined;
    if (manager) place(manager);
    out.push(p);
  };
  created.forEach(place);
  return out;
}

function summarize(issues: RowIssue[], planned: Planned[], applied: boolean): ImportResult {
  const changes = planned.map((p) => p.change);
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const c of changes) counts[c.kind]++;
  return { issues, changes, counts, applied };
}

/** The dry run: what importing the file would change, and every row's problems. Writes nothing. */
export async function previewPeopleImport(text: string): Promise<ImportResult> {
  const { issues, planned } = await planImport(prisma, text);
  return summarize(issues, planned, false);
}

/**
 * Imports the file in one transaction, planned again inside it: all rows or none. A file with any issue writes
 * nothing; rows that match the directory already write nothing either, so importing the same file twice is a no-op.
 */
export async function applyPeopleImport(actor: Actor, text: string, fileName = ""): Promise<ImportResult> {
  const result = await prisma.$transaction(
    async (tx) => {
      const { issues, planned, byEmail } = await planImport(tx, text);
      if (issues.length) return summarize(issues, planned, false);
      const idOf = new Map([...byEmail].map(([email, u]) => [email, u.id]));
      const touched = planned.filter((p) => p.change.kind !== "unchanged");
      const created = managersFirst(touched.filter((t) => !t.existing));
      for (const p of created) idOf.set(p.row.email, randomUUID());
      const managerIdOf = (p: Planned) => (p.managerEmail === undefined ? undefined : p.managerEmail ? idOf.get(p.managerEmail)! : null);
      // Managers are inserted before their reports (the file may list them in any order), a chunk at a time.
      for (let i = 0; i < created.length; i += 1000) {
        await tx.user.createMany({
          data: created.slice(i, i + 1000).map((p) => ({ id: idOf.get(p.row.email)!, email: p.row.email, ...p.data, managerId: managerIdOf(p) ?? null })),
        });
      }
      for (const p of touched.filter((t) => t.existing)) await tx.user.update({ where: { id: p.existing!.id }, data: { ...p.data, managerId: managerIdOf(p) } });
      const summary = summarize(issues, planned, true);
      if (touched.length) {
        await appendAuditEntries(tx, [
          ...touched.map((p) => ({
            actor,
            action: p.existing ? "user.updated" : "user.created",
            entityType: "user" as const,
            entityId: idOf.get(p.row.email)!,
            data: { source: "csv_import", file: fileName, row: p.row.row, email: p.row.email, changes: p.change.details },
          })),
          { actor, action: "people.imported", entityType: "people_import", entityId: null, data: { file: fileName, ...summary.counts } },
        ]);
      }
      return summary;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (result.applied && (result.counts.create || result.counts.update)) invalidatePolicySnapshot();
  return result;
}
