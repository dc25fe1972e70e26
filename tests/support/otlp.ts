// Encodes an OTLP/JSON-shaped ExportLogsServiceRequest as protobuf with the same official definitions the
// receiver decodes with, for tests that post hand-made (or deliberately bad) records.
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const PROTO_ROOT = fileURLToPath(new URL("../../lib/otlp/proto/", import.meta.url));

export function encodeLogsRequest(request: unknown): Buffer {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith("/") ? target : PROTO_ROOT + target);
  root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto");
  const type = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
  return Buffer.from(type.encode(type.fromObject(request as Record<string, unknown>)).finish());
}
