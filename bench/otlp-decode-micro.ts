// Decoding and mapping cost of the OTLP receiver without a database: 1,000 Claude Code api_request records as
// OTLP/JSON and as gzipped protobuf, through decompressOtlpBody + decodeLogsBody + mapToolRecord: CPU time per 1,000
// records (the process's own, so other load on the machine matters less than for wall time).
// Run: npx tsx bench/otlp-decode-micro.ts   (MICRO_ROUNDS, default 200)
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { decodeLogsBody, decompressOtlpBody } from "../lib/otlp/decode-logs";
import { mapToolRecord } from "../lib/otlp/tool-events";

const kv = (key: string, v: string) => ({ key, value: { stringValue: v } });
const t0 = Date.now();
const request = {
  resourceLogs: [
    {
      resource: { attributes: [kv("service.name", "claude-code"), kv("guardrail.activity", "product-code"), kv("guardrail.project", "infra-ci")] },
      scopeLogs: [
        {
          scope: { name: "com.anthropic.claude_code.events" },
          logRecords: Array.from({ length: 1000 }, (_, i) => {
            const at = new Date(t0 - i * 1000);
            return {
              timeUnixNano: String(BigInt(at.getTime()) * 1_000_000n),
              body: { stringValue: "claude_code.api_request" },
              attributes: [kv("user.email", `person${i % 50}@example.com`), kv("event.timestamp", at.toISOString()), kv("event.name", "api_request"), kv("session.id", `s-${i}`), kv("event.sequence", "1"), kv("model", "claude-sonnet-4-5"), kv("input_tokens", String(1000 + i)), kv("output_tokens", String(200 + i))],
            };
          }),
        },
      ],
    },
  ],
};
const root = new protobuf.Root();
const dir = fileURLToPath(new URL("../lib/otlp/proto/", import.meta.url));
root.resolvePath = (_o, target) => (target.startsWith("/") ? target : dir + target);
root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto");
const type = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
const json = Buffer.from(JSON.stringify(request));
const proto = gzipSync(Buffer.from(type.encode(type.fromObject(request)).finish()));
const rounds = Number(process.env.MICRO_ROUNDS ?? 200);
for (const [label, body, enc, ce] of [["JSON", json, "json", null], ["protobuf, gzip", proto, "protobuf", "gzip"]] as const) {
  let mapped = 0;
  const run = () => decodeLogsBody(decompressOtlpBody(body, ce, 10_000_000), enc).map((r) => (mapToolRecord(r).kind === "usage" ? mapped++ : 0));
  for (let i = 0; i < 20; i++) run();
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) run();
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - start) / rounds;
  console.log(`${label}: ${((cpu.user + cpu.system) / 1000 / rounds).toFixed(2)} ms of CPU per 1,000 records (decode + map), ${wall.toFixed(2)} ms wall`);
}
