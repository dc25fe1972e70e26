import { gunzipSync } from "node:zlib";
import path from "node:path";
import protobuf from "protobufjs";
import { AppError } from "@/lib/errors";

// OTLP/HTTP logs (opentelemetry-proto, collector/logs/v1): a body in protobuf or in OTLP/JSON, optionally
// gzipped, turned into flat records. Protobuf goes through protobufjs and the official .proto files; both
// encodings then share one normalizer, since protobufjs's toObject uses the JSON mapping's camelCase names.

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

export type OtlpLogRecord = {
  /** position in the request, counted across resources and scopes */
  index: number;
  resource: Attributes;
  scope: string | null;
  attributes: Attributes;
  /** LogRecord.event_name (OTLP 1.5+), when the exporter sets it */
  eventName: string | null;
  body: AttrValue;
  timeUnixNano: string | null;
  observedTimeUnixNano: string | null;
};

export type OtlpEncoding = "json" | "protobuf";

// From the working directory (the repository root, as for every npm script): the portal's bundler also walks this
// module (the API reference page builds the OpenAPI document) and would treat a URL relative to the module as an asset.
const PROTO_ROOT = path.join(process.cwd(), "lib", "otlp", "proto") + path.sep;

let types: { request: protobuf.Type; response: protobuf.Type } | null = null;

function protoTypes() {
  if (types) return types;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith("/") ? target : PROTO_ROOT + target);
  root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto");
  root.resolveAll();
  types = {
    request: root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest"),
    response: root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse"),
  };
  return types;
}

/** Which encoding a Content-Type names; anything else is a 415. */
export function otlpEncodingOf(contentType: string | null | undefined): OtlpEncoding {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  throw new AppError("unsupported_media_type", "Send OTLP logs as application/json or application/x-protobuf.", 415);
}

/** Undoes `Content-Encoding: gzip`, refusing output over `maxBytes` (413) so a small bomb cannot fill memory. */
export function decompressOtlpBody(body: Buffer, contentEncoding: string | null | undefined, maxBytes: number): Buffer {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (encoding !== "gzip") throw new AppError("unsupported_encoding", `Content-Encoding "${encoding}" is not supported: send gzip or none.`, 415);
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new AppError("payload_too_large", `The uncompressed body is over ${maxBytes} bytes.`, 413);
    }
    throw new AppError("invalid_body", "The body is not valid gzip.", 400);
  }
}

function toNumberOrString(v: unknown): number | string {
  if (typeof v === "number") return v;
  const s = String(v);
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}

/**
 * The protobuf JSON mapping lets a parser accept the original (snake_case) field names as well as lowerCamelCase:
 * camelCase the keys of one message level.
 */
function camel(o: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const k of Object.keys(o)) {
    if (!k.includes("_")) continue;
    out ??= { ...o };
    const c = k.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
    if (!(c in out)) out[c] = o[k];
  }
  return out ?? o;
}

function anyValue(v: unknown): AttrValue {
  if (v == null || typeof v !== "object") return null;
  const o = camel(v as Record<string, unknown>);
  if ("stringValue" in o) return o.stringValue == null ? null : String(o.stringValue);
  if ("intValue" in o) return o.intValue == null ? null : toNumberOrString(o.intValue);
  if ("doubleValue" in o) return o.doubleValue == null ? null : Number(o.doubleValue);
  if ("boolValue" in o) return Boolean(o.boolValue);
  if ("arrayValue" in o) return (((o.arrayValue as { values?: unknown[] })?.values ?? []) as unknown[]).map(anyValue);
  if ("kvlistValue" in o) return attributes((o.kvlistValue as { values?: unknown[] })?.values);
  if ("bytesValue" in o) return o.bytesValue instanceof Uint8Array ? Buffer.from(o.bytesValue).toString("base64") : String(o.bytesValue ?? "");
  return null;
}

function attributes(list: unknown): Attributes {
  const out: Attributes = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (kv && typeof kv === "object" && typeof (kv as { key?: unknown }).key === "string") {
      out[(kv as { key: string }).key] = anyValue((kv as { value?: unknown }).value);
    }
  }
  return out;
}

const nanos = (v: unknown): string | null => (v == null || v === "" || v === "0" || v === 0 ? null : String(v));

function isObject(v: unknown): v is Record<string, unknown> {
  return v != null && typeof v === "object" && !Array.isArray(v);
}

const message = (v: unknown): Record<string, unknown> | null => (isObject(v) ? camel(v) : null);

/** ExportLogsServiceRequest (as a plain object, JSON mapping names) → flat records. Throws 400 on a wrong shape. */
export function flattenLogsRequest(body: unknown): OtlpLogRecord[] {
  const request = message(body);
  if (!request) throw new AppError("invalid_body", "The body is not an OTLP ExportLogsServiceRequest.", 400);
  const resourceLogs = request.resourceLogs ?? [];
  if (!Array.isArray(resourceLogs)) throw new AppError("invalid_body", "resourceLogs must be an array.", 400, [{ path: "resourceLogs", message: "must be an array" }]);
  const records: OtlpLogRecord[] = [];
  for (const rawRl of resourceLogs) {
    const rl = message(rawRl);
    if (!rl) continue;
    const resource = attributes(message(rl.resource)?.attributes);
    for (const rawSl of Array.isArray(rl.scopeLogs) ? rl.scopeLogs : []) {
      const sl = message(rawSl);
      if (!sl) continue;
      const scopeName = message(sl.scope)?.name;
      const scope = typeof scopeName === "string" ? scopeName : null;
      for (const lr of Array.isArray(sl.logRecords) ? sl.logRecords : []) {
        const r = message(lr) ?? {};
        records.push({
          index: records.length,
          resource,
          scope,
          attributes: attributes(r.attributes),
          eventName: typeof r.eventName === "string" && r.eventName ? r.eventName : null,
          body: anyValue(r.body),
          timeUnixNano: nanos(r.timeUnixNano),
          observedTimeUnixNano: nanos(r.observedTimeUnixNano),
        });
      }
    }
  }
  return records;
}

/** Decodes an OTLP/HTTP logs body (already decompressed). An undecodable body is a 400. */
export function decodeLogsBody(body: Buffer, encoding: OtlpEncoding): OtlpLogRecord[] {
  if (encoding === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw new AppError("invalid_body", "The body is not valid JSON.", 400);
    }
    return flattenLogsRequest(parsed);
  }
  const { request } = protoTypes();
  let message: protobuf.Message;
  try {
    message = request.decode(body);
  } catch {
    throw new AppError("invalid_body", "The body is not a protobuf ExportLogsServiceRequest.", 400);
  }
  return flattenDecodedRequest(message as unknown as PbRequest);
}

// Decoded protobuf messages are read as they are, without toObject(): that copy of the whole tree (and its
// 64-bit-to-string conversions) cost more than the rest of the decoding (bench/otlp-decode-micro.ts). Unset
// fields sit on the prototype with their defaults, so "is it set" is an own-property test.
type PbLong = number | { low: number; high: number; unsigned?: boolean };
type PbAnyValue = { stringValue?: string; boolValue?: boolean; intValue?: PbLong; doubleValue?: number; arrayValue?: { values: PbAnyValue[] }; kvlistValue?: { values: PbKeyValue[] }; bytesValue?: Uint8Array };
type PbKeyValue = { key: string; value: PbAnyValue | null };
type PbLogRecord = { timeUnixNano: PbLong; observedTimeUnixNano: PbLong; body: PbAnyValue | null; attributes: PbKeyValue[]; eventName: string };
type PbRequest = { resourceLogs: { resource: { attributes: PbKeyValue[] } | null; scopeLogs: { scope: { name: string } | null; logRecords: PbLogRecord[] }[] }[] };

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** A 64-bit integer (a Long, or a number when small) as its exact decimal string. */
function longString(v: PbLong): string {
  if (typeof v === "number") return String(v);
  const bits = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return (v.unsigned ? bits : BigInt.asIntN(64, bits)).toString();
}

function pbNanos(v: PbLong): string | null {
  if (typeof v === "number") return v === 0 ? null : String(v);
  return v.low === 0 && v.high === 0 ? null : longString(v);
}

function pbAnyValue(v: PbAnyValue | null | undefined): AttrValue {
  if (!v) return null;
  if (own(v, "stringValue")) return v.stringValue ?? null;
  if (own(v, "intValue")) {
    const i = v.intValue!;
    if (typeof i === "number") return i;
    return toNumberOrString(longString(i));
  }
  if (own(v, "doubleValue")) return v.doubleValue ?? null;
  if (own(v, "boolValue")) return Boolean(v.boolValue);
  if (own(v, "arrayValue")) return (v.arrayValue?.values ?? []).map(pbAnyValue);
  if (own(v, "kvlistValue")) return pbAttributes(v.kvlistValue?.values);
  if (own(v, "bytesValue")) return Buffer.from(v.bytesValue ?? []).toString("base64");
  return null;
}

function pbAttributes(list: PbKeyValue[] | undefined): Attributes {
  const out: Attributes = {};
  if (!list) return out;
  for (const kv of list) out[kv.key] = pbAnyValue(kv.value);
  return out;
}

function flattenDecodedRequest(request: PbRequest): OtlpLogRecord[] {
  const records: OtlpLogRecord[] = [];
  for (const rl of request.resourceLogs) {
    const resource = pbAttributes(rl.resource?.attributes);
    for (const sl of rl.scopeLogs) {
      const scope = sl.scope && own(sl.scope, "name") ? sl.scope.name : null;
      for (const r of sl.logRecords) {
        records.push({
          index: records.length,
          resource,
          scope,
          attributes: pbAttributes(r.attributes),
          eventName: r.eventName || null,
          body: pbAnyValue(r.body),
          timeUnixNano: pbNanos(r.timeUnixNano),
          observedTimeUnixNano: pbNanos(r.observedTimeUnixNano),
        });
      }
    }
  }
  return records;
}

export type PartialSuccess = { rejectedLogRecords: number; errorMessage: string } | null;

/** ExportLogsServiceResponse in the request's encoding: empty when all was accepted, partialSuccess otherwise. */
export function encodeLogsResponse(partial: PartialSuccess, encoding: OtlpEncoding): { contentType: string; body: Buffer | string } {
  if (encoding === "json") {
    const body = partial ? { partialSuccess: { rejectedLogRecords: String(partial.rejectedLogRecords), errorMessage: partial.errorMessage } } : {};
    return { contentType: "application/json", body: JSON.stringify(body) };
  }
  const { response } = protoTypes();
  const message = response.fromObject(partial ? { partialSuccess: { rejectedLogRecords: partial.rejectedLogRecords, errorMessage: partial.errorMessage } } : {});
  return { contentType: "application/x-protobuf", body: Buffer.from(response.encode(message).finish()) };
}

/** Decodes a protobuf ExportLogsServiceResponse (tests read the receiver's answer with it). */
export function decodeLogsResponse(body: Uint8Array): { partialSuccess?: { rejectedLogRecords?: string; errorMessage?: string } } {
  const { response } = protoTypes();
  return response.toObject(response.decode(body), { longs: String }) as { partialSuccess?: { rejectedLogRecords?: string; errorMessage?: string } };
}
