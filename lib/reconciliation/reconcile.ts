// Reconciliation as pure arithmetic: the vendor's rows and Guardrail's own usage, both already summed per UTC day,
// are put into the same buckets (vendor, day, subject) and compared. No database here, so the rules below are
// unit-testable and the page, the review items and the tests share them.

/** Report kinds that carry the vendor's billed cost only; their tokens (none) are never summed. */
export const COST_ONLY_KINDS: ReadonlySet<string> = new Set(["anthropic_cost", "openai_costs"]);

export type VendorRowInput = {
  id: string;
  vendorId: string;
  kind: string;
  day: string;
  accountRef: string;
  actorEmail: string | null;
  userId: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number | null;
  costBilled: boolean;
};

/** Guardrail's usage of one vendor's tools, per UTC day, person, the person's team and the gateway key it came through. */
export type GuardrailRowInput = { vendorId: string; day: string; userId: string; teamId: string | null; apiKeyId: string | null; tokens: number; costUsd: number };

export type AccountMapping = { vendorId: string; accountRef: string; teamId: string | null; apiKeyId: string | null };
export type TeamNode = { id: string; parentId: string | null };

export type Subject =
  | { kind: "person"; userId: string }
  | { kind: "email"; email: string }
  | { kind: "team"; teamId: string }
  | { kind: "gateway"; apiKeyId: string }
  | { kind: "unmapped"; accountRef: string }
  | { kind: "unattributed" };

export type ModelSplit = { model: string; tokens: number; costUsd: number };

export type ReconciliationLine = {
  vendorId: string;
  day: string;
  subjectKey: string;
  subject: Subject;
  vendorTokens: number;
  vendorCostUsd: number;
  /** true when the vendor cost of this line is billed cost from a cost report, false when it is the vendor's estimate */
  vendorCostBilled: boolean;
  guardrailTokens: number;
  guardrailCostUsd: number;
  gapTokens: number;
  gapCostUsd: number;
  unexplained: boolean;
  models: ModelSplit[];
  vendorRowIds: string[];
};

export type GapThreshold = { tokens: number; percent: number };

export function subjectKey(s: Subject): string {
  switch (s.kind) {
    case "person":
      return `person:${s.userId}`;
    case "email":
      return `email:${s.email.toLowerCase()}`;
    case "team":
      return `team:${s.teamId}`;
    case "gateway":
      return `gateway:${s.apiKeyId}`;
    case "unmapped":
      return `unmapped:${s.accountRef}`;
    case "unattributed":
      return "unattributed";
  }
}

/**
 * A gap is unexplained when the vendor reports more tokens than Guardrail saw by more than the threshold: more than
 * `tokens` tokens AND more than `percent` % of the vendor's figure. A negative gap (Guardrail saw more) is never
 * "unseen usage": it is a mapping or timing question, shown on the page but not sent to legal.
 */
export function isUnexplainedGap(vendorTokens: number, gapTokens: number, t: GapThreshold): boolean {
  return gapTokens > 0 && gapTokens > t.tokens && gapTokens > (t.percent / 100) * vendorTokens;
}

/** The subject of a vendor row: the matched person, else the actor's email, else the account's mapping, else the unmapped account. */
function vendorSubject(row: VendorRowInput, mappings: Map<string, AccountMapping>): Subject {
  if (row.userId) return { kind: "person", userId: row.userId };
  if (row.actorEmail) return { kind: "email", email: row.actorEmail };
  const m = mappings.get(`${row.vendorId}\u0000${row.accountRef}`);
  if (m?.apiKeyId) return { kind: "gateway", apiKeyId: m.apiKeyId };
  if (m?.teamId) return { kind: "team", teamId: m.teamId };
  return { kind: "unmapped", accountRef: row.accountRef };
}

/**
 * Compares vendor rows with Guardrail usage per vendor, UTC day and subject.
 *
 * Vendor side: tokens are input + output + cache read + cache write of the usage kinds (cost-only kinds carry none).
 * Cost per (vendor, day, subject) is the billed cost of that bucket's billed rows when it has any, else the sum of the
 * vendor's estimates; never both, so a usage report and a cost report for the same bucket are not counted twice.
 *
 * Guardrail side: each (vendor, day, person, team, key) row goes to exactly one subject, so nothing is counted twice:
 * the gateway it came through when the vendor account of that key is mapped; else the person when the vendor reports
 * per person that day; else the nearest team up the person's team tree that a vendor account is mapped to; else
 * "unattributed" (Guardrail saw it, no vendor row can be tied to it).
 */
export function reconcile(input: {
  vendorRows: VendorRowInput[];
  guardrailRows: GuardrailRowInput[];
  mappings: AccountMapping[];
  teams: TeamNode[];
  threshold: GapThreshold;
}): ReconciliationLine[] {
  const mappingByRef = new Map(input.mappings.map((m) => [`${m.vendorId}\u0000${m.accountRef}`, m]));
  const mappedKeys = new Set(input.mappings.filter((m) => m.apiKeyId).map((m) => `${m.vendorId}\u0000${m.apiKeyId}`));
  const mappedTeams = new Set(input.mappings.filter((m) => m.teamId).map((m) => `${m.vendorId}\u0000${m.teamId}`));
  const parentOf = new Map(input.teams.map((t) => [t.id, t.parentId]));
  const personDays = new Set<string>();
  for (const r of input.vendorRows) if (r.userId || r.actorEmail) personDays.add(`${r.vendorId}\u0000${r.day}`);

  type Acc = ReconciliationLine & { billedCost: number; estimatedCost: number; hasBilled: boolean; modelMap: Map<string, { model: string; tokens: number; billed: number; estimated: number }> };
  const lines = new Map<string, Acc>();
  const lineFor = (vendorId: string, day: string, subject: Subject): Acc => {
    const key = subjectKey(subject);
    const id = `${vendorId}\u0000${day}\u0000${key}`;
    let line = lines.get(id);
    if (!line) {
      line = {
        vendorId, day, subjectKey: key, subject, vendorTokens: 0, vendorCostUsd: 0, vendorCostBilled: false, guardrailTokens: 0, guardrailCostUsd: 0,
        gapTokens: 0, gapCostUsd: 0, unexplained: false, models: [], vendorRowIds: [], billedCost: 0, estimatedCost: 0, hasBilled: false, modelMap: new Map(),
      };
      lines.set(id, line);
    }
    return line;
  };

  for (const r of input.vendorRows) {
    const line = lineFor(r.vendorId, r.day, vendorSubject(r, mappingByRef));
    line.vendorRowIds.push(r.id);
    const tokens = COST_ONLY_KINDS.has(r.kind) ? 0 : r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens;
    line.vendorTokens += tokens;
    if (r.costBilled) {
      line.hasBilled = true;
      line.billedCost += r.costUsd ?? 0;
    } else line.estimatedCost += r.costUsd ?? 0;
    const model = r.model || "(not stated)";
    const split = line.modelMap.get(model) ?? { model, tokens: 0, billed: 0, estimated: 0 };
    split.tokens += tokens;
    if (r.costBilled) split.billed += r.costUsd ?? 0;
    else split.estimated += r.costUsd ?? 0;
    line.modelMap.set(model, split);
  }

  const nearestMappedTeam = (vendorId: string, teamId: string | null): string | null => {
    for (let t = teamId, hops = 0; t && hops < 64; t = parentOf.get(t) ?? null, hops++) if (mappedTeams.has(`${vendorId}\u0000${t}`)) return t;
    return null;
  };
  for (const g of input.guardrailRows) {
    let subject: Subject;
    if (g.apiKeyId && mappedKeys.has(`${g.vendorId}\u0000${g.apiKeyId}`)) subject = { kind: "gateway", apiKeyId: g.apiKeyId };
    else if (personDays.has(`${g.vendorId}\u0000${g.day}`)) subject = { kind: "person", userId: g.userId };
    else {
      const team = nearestMappedTeam(g.vendorId, g.teamId);
      subject = team ? { kind: "team", teamId: team } : { kind: "unattributed" };
    }
    const line = lineFor(g.vendorId, g.day, subject);
    line.guardrailTokens += g.tokens;
    line.guardrailCostUsd += g.costUsd;
  }

  return [...lines.values()]
    .map(({ billedCost, estimatedCost, hasBilled, modelMap, ...line }) => {
      const vendorCostUsd = hasBilled ? billedCost : estimatedCost;
      const gapTokens = line.vendorTokens - line.guardrailTokens;
      return {
        ...line,
        vendorCostUsd,
        vendorCostBilled: hasBilled,
        gapTokens,
        gapCostUsd: vendorCostUsd - line.guardrailCostUsd,
        unexplained: isUnexplainedGap(line.vendorTokens, gapTokens, input.threshold),
        models: [...modelMap.values()]
          .map((m) => ({ model: m.model, tokens: m.tokens, costUsd: hasBilled ? m.billed : m.estimated }))
          .sort((a, b) => b.tokens - a.tokens || a.model.localeCompare(b.model)),
      };
    })
    .sort((a, b) => b.gapTokens - a.gapTokens || a.day.localeCompare(b.day) || a.subjectKey.localeCompare(b.subjectKey));
}
