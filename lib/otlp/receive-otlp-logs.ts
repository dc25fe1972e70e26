import "server-only";
import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { speaksFor } from "@/lib/api-keys/personal-tokens";
import { AppError } from "@/lib/errors";
import { ingestUsageEventsInGroup } from "@/lib/usage/ingest-group";
import { loadProjectRouting, routeToProject } from "@/lib/tools/project-routing";
import { recordUnmatched, type UnmatchedSighting } from "@/lib/tools/unmatched-telemetry";
import { CheckedLine, checkUsageEvent, MAX_EVENTS_PER_REQUEST, type CheckedUsageEvent, type IngestResult } from "@/lib/validation/usage-event";
import type { AttrValue, OtlpLogRecord, PartialSuccess } from "./decode-logs";
import { mapToolRecord, type ToolUsage } from "./tool-events";

export type OtlpReceipt = {
  partial: PartialSuccess;
  /** log records that were a known tool's model call */
  usageRecords: number;
  /** other events, acknowledged and dropped */
  ignored: number;
  ingest: IngestResult | null;
};

const text = (v: AttrValue | undefined): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * Tool telemetry (OTLP log records) → usage events through the same ingestion as /api/v1/usage-events.
 * Records of a known tool's model call become events; other events are acknowledged and dropped; records that
 * cannot be used (no person, an unknown person, tool or project, bad counts) are counted in partialSuccess and
 * their names kept for the admins' "unmatched" page. A personal token may only send its owner's telemetry.
 */
export async function receiveOtlpLogs(records: OtlpLogRecord[], principal: Pick<ApiKeyPrincipal, "id" | "owner">): Promise<OtlpReceipt> {
  const mapped = records.map((r) => ({ record: r, mapped: mapToolRecord(r) }));
  const usage = mapped.filter((m): m is { record: OtlpLogRecord; mapped: ToolUsage } => m.mapped.kind === "usage");
  if (usage.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError("payload_too_large", `At most ${MAX_EVENTS_PER_REQUEST} usage records per request; this one has ${usage.length}.`, 413);
  }
  // Checked before anything is stored: a personal token naming someone else gets 403 for the whole batch.
  const foreign = usage.find((u) => u.mapped.user && !speaksFor(principal, u.mapped.user));
  if (foreign) throw new AppError("forbidden", `A personal token sends only its owner's telemetry: a record names "${foreign.mapped.user}".`, 403);

  const errors: string[] = [];
  let rejected = 0;
  const reject = (message: string) => {
    rejected++;
    if (errors.length < 5 && !errors.includes(message)) errors.push(message);
  };
  for (const m of mapped) if (m.mapped.kind === "invalid") reject(m.mapped.message);

  const routing = await loadProjectRouting();
  const sightings: UnmatchedSighting[] = [];
  const events: CheckedUsageEvent[] = [];
  for (const { record, mapped: u } of usage) {
    const user = u.user ?? principal.owner?.email ?? null;
    if (!user) {
      reject("a record names no person (user.email): send it with a personal token, or enable the tool's account email");
      continue;
    }
    const res = record.resource;
    const routed = routeToProject(routing, {
      project: text(res["guardrail.project"]) ?? text(record.attributes["guardrail.project"]),
      activity: text(res["guardrail.activity"]) ?? text(record.attributes["guardrail.activity"]),
      repositories: [text(res["guardrail.repository"]), text(res["vcs.repository.url.full"])],
    });
    if (routed.unmatchedRepository) sightings.push({ kind: "repository", value: routed.unmatchedRepository, source: "otlp" });
    // Checked here, with the schema's bounds and messages, so ingestion does not parse it a second time.
    const checked = checkUsageEvent({
      id: u.eventId,
      occurredAt: u.occurredAt,
      user,
      tool: text(res["guardrail.tool"]) ?? u.tool,
      project: routed.project,
      activity: routed.activity,
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      costUsd: u.costUsd,
      sessionId: u.sessionId?.slice(0, 200) ?? null,
      source: `otlp:${(text(res["service.name"]) ?? u.tool).slice(0, 190)}`,
    });
    if (checked.ok) events.push(checked.event);
    else reject(checked.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  }

  const ingest = events.length ? await ingestUsageEventsInGroup(events.map((e) => new CheckedLine(e)), { apiKeyId: principal.id }) : null;
  for (const r of ingest?.rejected ?? []) {
    const event: Record<string, unknown> | undefined = events[r.index];
    for (const e of r.errors) {
      const kind = e.path === "user" || e.path === "tool" || e.path === "project" ? e.path : null;
      const value = kind ? event?.[kind] : null;
      if (kind && typeof value === "string" && e.message.startsWith("unknown")) sightings.push({ kind, value, source: "otlp" });
    }
    reject(r.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  }
  await recordUnmatched(sightings);

  return {
    partial: rejected ? { rejectedLogRecords: rejected, errorMessage: `${rejected} log record(s) rejected: ${errors.join(" | ")}` } : null,
    usageRecords: usage.length,
    ignored: mapped.filter((m) => m.mapped.kind === "ignored").length,
    ingest,
  };
}
