import { describe, expect, it } from "vitest";
import { parseEventsBody } from "@/lib/api/parse-events-body";
import { appErrorOf } from "../../support/app-error-of";
import { UnparsableLine } from "@/lib/validation/usage-event";


describe("parseEventsBody", () => {
  it("reads a JSON array", () => {
    expect(parseEventsBody('[{"id":"a"},{"id":"b"}]', "application/json")).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("reads NDJSON, skipping blank lines and marking lines that are not JSON", () => {
    const events = parseEventsBody('{"id":"a"}\n\n{oops\r\n{"id":"c"}\n', "application/x-ndjson; charset=utf-8");
    expect(events).toHaveLength(3);
    expect(events[0]).toEqual({ id: "a" });
    expect(events[1]).toBeInstanceOf(UnparsableLine);
    expect(events[2]).toEqual({ id: "c" });
  });

  it("treats multi-line JSON lines sent as application/json as NDJSON", () => {
    expect(parseEventsBody('{"id":"a"}\n{"id":"b"}', "application/json")).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("answers 400 for bodies that are neither format", () => {
    for (const [body, type] of [
      ["not json", "application/json"],
      ["", "application/json"],
      ['{"id":"a"}', "application/json"],
      ["nope\nstill nope", "application/x-ndjson"],
    ]) {
      const e = appErrorOf(() => parseEventsBody(body, type));
      expect(e.status).toBe(400);
      expect(e.code).toBe("invalid_json");
    }
  });

  it("answers 413 for more than 10,000 events in either format", () => {
    const array = JSON.stringify(Array.from({ length: 10_001 }, (_, i) => ({ id: String(i) })));
    expect(appErrorOf(() => parseEventsBody(array, "application/json")).status).toBe(413);
    const lines = Array.from({ length: 10_001 }, (_, i) => JSON.stringify({ id: String(i) })).join("\n");
    expect(appErrorOf(() => parseEventsBody(lines, "application/x-ndjson")).status).toBe(413);
    expect(parseEventsBody(JSON.stringify(Array.from({ length: 10_000 }, () => ({}))), null)).toHaveLength(10_000);
  });
});
