import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_EVENTS_PER_REQUEST, UnparsableLine } from "@/lib/validation/usage-event";

// A usage-events body: a JSON array, or NDJSON (one event per line) with Content-Type application/x-ndjson.
// A line of NDJSON that is not JSON becomes a rejected line; a body that is neither format is a 400.

function tooMany(n: number) {
  return new AppError("payload_too_large", `${n} events in one request; at most ${MAX_EVENTS_PER_REQUEST} are accepted. Nothing was stored.`, 413);
}

function parseNdjson(text: string): unknown[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length > MAX_EVENTS_PER_REQUEST) throw tooMany(lines.length);
  let parsedAny = false;
  const events = lines.map((line) => {
    try {
      const value: unknown = JSON.parse(line);
      parsedAny = true;
      return value;
    } catch {
      return new UnparsableLine();
    }
  });
  if (!parsedAny) throw new AppError("invalid_json", "The body is neither a JSON array nor NDJSON.", 400);
  return events;
}

export function parseEventsBody(text: string, contentType: string | null): unknown[] {
  if (!text.trim()) throw new AppError("invalid_json", "The body is empty: send a JSON array of events or NDJSON.", 400);
  const ndjson = /application\/(x-)?ndjson|application\/jsonl/i.test(contentType ?? "");
  if (ndjson) return parseNdjson(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // NDJSON sent without its Content-Type is still NDJSON when some of its lines parse.
    if (text.trim().includes("\n")) return parseNdjson(text);
    throw new AppError("invalid_json", "The body is not valid JSON.", 400);
  }
  if (!Array.isArray(value)) {
    throw new AppError("invalid_json", "Expected a JSON array of events (or NDJSON with Content-Type application/x-ndjson).", 400, [
      { path: "(body)", message: "must be an array" },
    ]);
  }
  if (value.length > MAX_EVENTS_PER_REQUEST) throw tooMany(value.length);
  return value;
}
