import { describe, expect, it } from "vitest";
import type { OtlpLogRecord } from "@/lib/otlp/decode-logs";
import { mapToolRecord } from "@/lib/otlp/tool-events";

const record = (over: Partial<OtlpLogRecord>): OtlpLogRecord => ({
  index: 0,
  resource: {},
  scope: null,
  attributes: {},
  eventName: null,
  body: null,
  timeUnixNano: "1764240000000000000",
  observedTimeUnixNano: null,
  ...over,
});

describe("mapToolRecord", () => {
  it("Claude Code api_request: the body names the event, counts as strings, cost given", () => {
    const m = mapToolRecord(
      record({
        resource: { "service.name": "claude-code" },
        body: "claude_code.api_request",
        attributes: { "event.name": "api_request", "session.id": "s", "prompt.id": "p", "user.email": "a@x.com", input_tokens: "12", output_tokens: "3", cost_usd: "0.5", model: "claude-opus-4-1" },
      }),
    );
    expect(m).toMatchObject({ kind: "usage", tool: "claude-code", user: "a@x.com", inputTokens: 12, outputTokens: 3, costUsd: 0.5, sessionId: "s", model: "claude-opus-4-1", occurredAt: "2025-11-27T10:40:00.000Z" });
  });

  it("event.timestamp wins over the record time and is read as one ISO instant, whatever form it is sent in", () => {
    const at = (ts: string) => {
      const m = mapToolRecord(record({ body: "claude_code.api_request", attributes: { "event.timestamp": ts, input_tokens: 1, output_tokens: 1 } }));
      return m.kind === "usage" ? m.occurredAt : m;
    };
    expect(at("2026-11-27T10:15:30.123Z")).toBe("2026-11-27T10:15:30.123Z");
    expect(at("2026-11-27T10:15:30Z")).toBe("2026-11-27T10:15:30.000Z");
    expect(at("2026-11-27T11:15:30.123+01:00")).toBe("2026-11-27T10:15:30.123Z");
    // A day the calendar rolls over is read as Date.parse reads it, not passed through as sent.
    expect(at("2026-02-30T00:00:00.000Z")).toBe("2026-03-02T00:00:00.000Z");
    expect(at("2026-02-28T24:00:00.000Z")).toBe("2026-03-01T00:00:00.000Z");
    // Not a time at all: the record's own time applies.
    expect(at("soon")).toBe("2025-11-27T10:40:00.000Z");
  });

  it("Claude Code's short event.name is enough with the service name", () => {
    expect(mapToolRecord(record({ resource: { "service.name": "claude-code" }, attributes: { "event.name": "api_request", input_tokens: 1, output_tokens: 1 } })).kind).toBe("usage");
    expect(mapToolRecord(record({ resource: { "service.name": "something" }, attributes: { "event.name": "api_request", input_tokens: 1, output_tokens: 1 } })).kind).toBe("ignored");
  });

  it("Codex: only response.completed SSE events are usage", () => {
    const base = { "event.name": "codex.sse_event", "conversation.id": "c", input_token_count: 7, output_token_count: 2 };
    expect(mapToolRecord(record({ attributes: { ...base, "event.kind": "response.completed" } }))).toMatchObject({ kind: "usage", tool: "codex", sessionId: "c", costUsd: null });
    expect(mapToolRecord(record({ attributes: { ...base, "event.kind": "response.output_item.done" } })).kind).toBe("ignored");
  });

  it("Gemini CLI api_response via LogRecord.event_name", () => {
    expect(mapToolRecord(record({ eventName: "gemini_cli.api_response", attributes: { input_token_count: 5, output_token_count: 6, "session.id": "g" } }))).toMatchObject({ kind: "usage", tool: "gemini-cli", inputTokens: 5, outputTokens: 6 });
  });

  it("other events are ignored; bad counts and missing times are invalid", () => {
    expect(mapToolRecord(record({ body: "claude_code.tool_result" })).kind).toBe("ignored");
    expect(mapToolRecord(record({ body: "claude_code.api_request", attributes: { input_tokens: "-1", output_tokens: 1 } }))).toEqual({ kind: "invalid", message: "input_tokens must be a non-negative integer" });
    expect(mapToolRecord(record({ body: "claude_code.api_request", attributes: { input_tokens: 1.5, output_tokens: 1 } })).kind).toBe("invalid");
    expect(mapToolRecord(record({ body: "claude_code.api_request", attributes: {} })).kind).toBe("invalid");
    expect(mapToolRecord(record({ body: "claude_code.api_request", timeUnixNano: null, attributes: { input_tokens: 1, output_tokens: 1 } })).kind).toBe("invalid");
  });

  it("the event id is stable for the same record and differs for another", () => {
    const r = record({ body: "claude_code.api_request", attributes: { "session.id": "s", "event.sequence": 1, input_tokens: 1, output_tokens: 1 } });
    const a = mapToolRecord(r);
    const b = mapToolRecord({ ...r, index: 9 });
    const c = mapToolRecord({ ...r, attributes: { ...r.attributes, "event.sequence": 2 } });
    expect(a.kind === "usage" && b.kind === "usage" && c.kind === "usage").toBe(true);
    if (a.kind === "usage" && b.kind === "usage" && c.kind === "usage") {
      expect(a.eventId).toBe(b.eventId);
      expect(a.eventId).not.toBe(c.eventId);
      expect(a.eventId.length).toBeLessThanOrEqual(200);
    }
  });
});
