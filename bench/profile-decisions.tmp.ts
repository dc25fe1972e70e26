import { benchConfig, runWrk, sampleUsageShape, startServer, type WrkRequest } from "./support";
async function main() {
  const shape = await sampleUsageShape();
  const reqs: WrkRequest[] = shape.map((e, i) => ({ method: "POST", path: "/api/v1/decisions", body: JSON.stringify({ user: e.user, tool: e.tool, activity: e.activity, project: e.project ?? undefined, estimatedTokens: i % 5 === 0 ? Math.min(2000, e.inputTokens) : undefined }) }));
  const server = await startServer({ nodeOptions: "--cpu-prof --cpu-prof-dir=/tmp/prof --max-old-space-size=320 --max-semi-space-size=16" });
  const authorization = `Bearer ${benchConfig.apiKey}`;
  await runWrk(server.url, reqs, { connections: 50, seconds: 3, authorization });
  const s = await runWrk(server.url, reqs, { connections: 50, seconds: 10, authorization });
  console.log(s.perSecond, s.requests);
  await server.stop();
}
void main();
