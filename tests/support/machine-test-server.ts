// A listening HTTP server for the tool-connection tests until the machine interface's Fastify app serves
// /otlp and the hook endpoint: it authenticates exactly like the API (Bearer key, scope) and calls the same
// lib/ handlers the routes call.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { errorToResponse } from "@/lib/api/api-error";
import { AppError } from "@/lib/errors";
import { handleOtlpLogs } from "@/lib/otlp/handle-otlp-logs";
import { answerClaudeCodeHook, claudeCodeHookInputSchema, hookNamesFromHeaders } from "@/lib/tools/answer-claude-code-hook";
import { MAX_BODY_BYTES } from "@/lib/validation/usage-event";

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new AppError("payload_too_large", `The body is over ${max} bytes.`, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startMachineTestServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    try {
      const header = (n: string) => (Array.isArray(req.headers[n]) ? req.headers[n][0] : (req.headers[n] as string | undefined)) ?? null;
      if (req.method === "POST" && req.url === "/otlp/v1/logs") {
        const principal = await authenticateApiKey(header("authorization"), "ingest");
        const body = await readBody(req, MAX_BODY_BYTES);
        const answer = await handleOtlpLogs({ body, contentType: header("content-type"), contentEncoding: header("content-encoding") }, principal);
        res.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body);
        return;
      }
      if (req.method === "POST" && req.url === "/api/v1/hooks/claude-code") {
        const principal = await authenticateApiKey(header("authorization"), "decide");
        const input = claudeCodeHookInputSchema.parse(JSON.parse((await readBody(req, 1024 * 1024)).toString("utf8") || "null"));
        const output = await answerClaudeCodeHook(input, principal, hookNamesFromHeaders(header));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(output));
        return;
      }
      res.writeHead(404).end();
    } catch (error) {
      const r = errorToResponse(error instanceof SyntaxError ? new AppError("invalid_body", "The body is not valid JSON.", 400) : error);
      res.writeHead(r.status, { "content-type": "application/json" }).end(await r.text());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
