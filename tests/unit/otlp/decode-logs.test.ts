import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeLogsBody, decompressOtlpBody, encodeLogsResponse, decodeLogsResponse, otlpEncodingOf } from "@/lib/otlp/decode-logs";
import { appErrorOf } from "../../support/app-error-of";
import { encodeLogsRequest } from "../../support/otlp";

const request = {
  resourceLogs: [
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "claude-code" } }] },
      scopeLogs: [
        {
          scope: { name: "com.anthropic.claude_code.events" },
          logRecords: [
            {
              timeUnixNano: "1764240000000000000",
              eventName: "claude_code.api_request",
              body: { stringValue: "claude_code.api_request" },
              attributes: [
                { key: "input_tokens", value: { intValue: "1500" } },
                { key: "cost_usd", value: { doubleValue: 0.25 } },
                { key: "ok", value: { boolValue: true } },
                { key: "tags", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: 2 }] } } },
                { key: "nested", value: { kvlistValue: { values: [{ key: "k", value: { stringValue: "v" } }] } } },
                // 64-bit values beyond a double's exact range stay exact (as strings); bytes are base64 in both.
                { key: "big", value: { intValue: "9007199254740993" } },
                { key: "negative", value: { intValue: "-5" } },
                { key: "raw", value: { bytesValue: "AQID" } },
                { key: "empty", value: { stringValue: "" } },
              ],
            },
            { attributes: [] },
          ],
        },
      ],
    },
  ],
};

const expected = [
  {
    index: 0,
    resource: { "service.name": "claude-code" },
    scope: "com.anthropic.claude_code.events",
    attributes: { input_tokens: 1500, cost_usd: 0.25, ok: true, tags: ["a", 2], nested: { k: "v" }, big: "9007199254740993", negative: -5, raw: "AQID", empty: "" },
    eventName: "claude_code.api_request",
    body: "claude_code.api_request",
    timeUnixNano: "1764240000000000000",
    observedTimeUnixNano: null,
  },
  { index: 1, resource: { "service.name": "claude-code" }, scope: "com.anthropic.claude_code.events", attributes: {}, eventName: null, body: null, timeUnixNano: null, observedTimeUnixNano: null },
];

describe("decodeLogsBody", () => {
  it("reads OTLP/JSON and protobuf into the same records", () => {
    expect(decodeLogsBody(Buffer.from(JSON.stringify(request)), "json")).toEqual(expected);
    expect(decodeLogsBody(encodeLogsRequest(request), "protobuf")).toEqual(expected);
  });

  it("400 for what is not OTLP", () => {
    expect(appErrorOf(() => decodeLogsBody(Buffer.from("[1,2"), "json")).status).toBe(400);
    expect(appErrorOf(() => decodeLogsBody(Buffer.from(JSON.stringify({ resourceLogs: 3 })), "json")).status).toBe(400);
    expect(appErrorOf(() => decodeLogsBody(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), "protobuf")).status).toBe(400);
  });
});

describe("content type and encoding", () => {
  it("knows JSON and protobuf, 415 otherwise", () => {
    expect(otlpEncodingOf("application/json; charset=utf-8")).toBe("json");
    expect(otlpEncodingOf("application/x-protobuf")).toBe("protobuf");
    expect(appErrorOf(() => otlpEncodingOf("text/plain")).status).toBe(415);
  });

  it("gunzips, and refuses output over the limit with 413", () => {
    expect(decompressOtlpBody(gzipSync(Buffer.from("hello")), "gzip", 100).toString()).toBe("hello");
    expect(appErrorOf(() => decompressOtlpBody(gzipSync(Buffer.alloc(1000)), "gzip", 100)).status).toBe(413);
    expect(appErrorOf(() => decompressOtlpBody(Buffer.from("x"), "br", 100)).status).toBe(415);
  });
});

describe("encodeLogsResponse", () => {
  it("is empty when all was accepted, partialSuccess otherwise, in both encodings", () => {
    expect(encodeLogsResponse(null, "json").body).toBe("{}");
    expect(JSON.parse(String(encodeLogsResponse({ rejectedLogRecords: 2, errorMessage: "x" }, "json").body))).toEqual({ partialSuccess: { rejectedLogRecords: "2", errorMessage: "x" } });
    const proto = encodeLogsResponse({ rejectedLogRecords: 3, errorMessage: "y" }, "protobuf");
    expect(proto.contentType).toBe("application/x-protobuf");
    expect(decodeLogsResponse(proto.body as Buffer)).toEqual({ partialSuccess: { rejectedLogRecords: "3", errorMessage: "y" } });
  });
});

describe("field names", () => {
  it("accepts the proto field names (snake_case) as the JSON mapping allows", () => {
    const snake = {
      resource_logs: [
        {
          resource: { attributes: [{ key: "service.name", value: { string_value: "gemini-cli" } }] },
          scope_logs: [{ scope: { name: "gemini-cli" }, log_records: [{ time_unix_nano: "1764240000000000000", event_name: "gemini_cli.api_response", attributes: [{ key: "input_token_count", value: { int_value: 3 } }] }] }],
        },
      ],
    };
    expect(decodeLogsBody(Buffer.from(JSON.stringify(snake)), "json")).toEqual([
      { index: 0, resource: { "service.name": "gemini-cli" }, scope: "gemini-cli", attributes: { input_token_count: 3 }, eventName: "gemini_cli.api_response", body: null, timeUnixNano: "1764240000000000000", observedTimeUnixNano: null },
    ]);
  });
});
