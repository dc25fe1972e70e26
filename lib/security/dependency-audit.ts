// Reads `npm audit --json` output (report version 2): high and critical findings fail, anything else passes,
// and an answer without a report (a registry with no advisory endpoint) says that nothing was checked.
type Via = string | { title?: string; url?: string; severity?: string };
type Vulnerability = { name: string; severity: string; via: Via[]; range?: string };
type AuditJson = {
  message?: string;
  vulnerabilities?: Record<string, Vulnerability>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } };
};

export type DependencyAudit = { status: "clean" | "findings" | "unavailable"; lines: string[] };

export function summarizeDependencyAudit(json: unknown): DependencyAudit {
  const report = (json ?? {}) as AuditJson;
  if (!report.metadata) return { status: "unavailable", lines: [`npm audit could not check anything: ${report.message ?? "no report"}`] };
  const counts = Object.entries(report.metadata.vulnerabilities ?? {}).map(([k, n]) => `${k} ${n}`);
  const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === "high" || v.severity === "critical");
  const lines = [`npm audit (production, ${report.metadata.dependencies?.prod ?? "?"} packages): ${counts.join(", ") || "no findings"}`];
  for (const v of serious) {
    const why = v.via.map((x) => (typeof x === "string" ? `via ${x}` : [x.title, x.url].filter(Boolean).join(" "))).join("; ");
    lines.push(`  ${v.severity}: ${v.name}${v.range ? ` ${v.range}` : ""}${why ? ` (${why})` : ""}`);
  }
  return { status: serious.length ? "findings" : "clean", lines };
}
