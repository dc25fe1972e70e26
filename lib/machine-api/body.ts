import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import { AppError } from "@/lib/errors";
import { tooLargeMessage } from "./errors";

// Request bodies on the machine interface. Two ways, chosen per route plugin (content-type parsers are scoped to
// the plugin that adds them):
// - jsonBodies(app, limit): any Content-Type is read as JSON (gateways do not all send one), up to `limit`
//   bytes; anything that is not JSON is a 400 invalid_json; then the route's zod schema validates it.
// - rawBodies(app): the body is left unread in the socket; the handler reads it with readRawBody when it is
//   ready for it (ingestion waits for a slot first, so waiting batches stay in the socket, not in memory).

// Raw bodies are ingestion batches: say what happened to them.
const tooLarge = (limit: number) => new AppError("payload_too_large", tooLargeMessage(limit, "Nothing was stored; send smaller batches."), 413);
const invalidJson = () => new AppError("invalid_json", "The body is not valid JSON.", 400);

export function jsonBodies(app: FastifyInstance, bodyLimit: number) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(invalidJson(), undefined);
    }
  });
  // A POST without any body never reaches a parser: it is not JSON either.
  app.addHook("preValidation", async (request) => {
    if (request.body === undefined && request.method !== "GET" && request.method !== "HEAD") throw invalidJson();
  });
}

export function rawBodies(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
}

/**
 * The body of a route using rawBodies, refusing more than `maxBytes` with a 413 before reading it all
 * (Content-Length is checked first; a body without one is counted while it streams).
 */
export function readRawBody(raw: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(raw.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      raw.off("data", onData);
      raw.off("end", onEnd);
      raw.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      cleanup();
      raw.resume(); // discard the rest; the 413 closes the connection
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    raw.on("data", onData);
    raw.on("end", onEnd);
    raw.on("error", onError);
  });
}
