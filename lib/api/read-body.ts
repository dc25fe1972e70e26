import "server-only";
import { AppError } from "@/lib/errors";
import { formatBytes } from "./format-bytes";

/**
 * The request body as text, refusing more than `maxBytes` with a 413 before reading it all
 * (Content-Length is checked first; a body without one is counted while it streams). `advice` follows the
 * sentence naming the limit.
 */
export async function readBodyText(req: Request, maxBytes: number, advice = ""): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${formatBytes(maxBytes)}.${advice ? ` ${advice}` : ""}`, 413);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const invalidJson = (message: string) => new AppError("invalid_json", message, 400);

/** A JSON object body (decisions): anything that is not JSON is a 400. */
export async function readJsonBody(req: Request, maxBytes = 64 * 1024): Promise<unknown> {
  const text = await readBodyText(req, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson("The body is not valid JSON.");
  }
}
