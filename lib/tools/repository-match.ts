// Repository patterns (admin-made) matched against what a tool tells about where it runs: the hook's `cwd`, or a
// repository URL in telemetry attributes. Pure, so the hook path and the OTLP path match the same way.
//
// A pattern is a git remote URL (https://github.com/acme/payments-core, git@github.com:acme/payments-core.git:
// both written as github.com/acme/payments-core) or a path (/srv/src/payments-core); `*` stands for one path
// segment and `**` for any number. A path pattern also matches everything inside it. The longest match wins.

export type RepositoryPattern = { pattern: string; projectKey: string };

/** A remote URL or path in one comparable form: no scheme, no user, no `.git`, `:` of scp-style remotes as `/`. */
export function normalizeRepository(value: string): string {
  let v = value.trim().replace(/\\/g, "/");
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.*)$/.exec(v);
  if (scp) v = `${scp[1]}/${scp[2]}`;
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^/@]+@/, "");
  v = v.replace(/\.git$/i, "").replace(/\/+$/, "");
  // A host is compared without case; a path (including a Windows drive path) as written.
  if (!v.startsWith("/") && !/^[a-z]:\//i.test(v)) {
    const slash = v.indexOf("/");
    v = slash < 0 ? v.toLowerCase() : v.slice(0, slash).toLowerCase() + v.slice(slash);
  }
  return v || "/";
}

function toRegExp(pattern: string): RegExp {
  const escaped = normalizeRepository(pattern)
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${escaped}(?:/.*)?$`);
}

const compiled = new Map<string, RegExp>();

/** The project of the longest pattern matching any of `candidates` (cwd, repository URLs), or null. */
export function matchRepository(patterns: RepositoryPattern[], candidates: (string | null | undefined)[]): { projectKey: string; pattern: string } | null {
  const values = candidates.filter((c): c is string => !!c && !!c.trim()).map(normalizeRepository);
  let best: RepositoryPattern | null = null;
  for (const p of patterns) {
    let re = compiled.get(p.pattern);
    if (!re) {
      re = toRegExp(p.pattern);
      if (compiled.size > 5_000) compiled.clear();
      compiled.set(p.pattern, re);
    }
    if (values.some((v) => re.test(v)) && (!best || p.pattern.length > best.pattern.length)) best = p;
  }
  return best ? { projectKey: best.projectKey, pattern: best.pattern } : null;
}
