// The machine interface's real Fastify app listening on a port of 127.0.0.1, for tests whose clients need a URL
// (the OpenTelemetry exporters, snippets' hook URLs).
import type { AddressInfo } from "node:net";
import { buildMachineApi } from "@/lib/machine-api/app";

export async function startMachineTestServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildMachineApi();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
