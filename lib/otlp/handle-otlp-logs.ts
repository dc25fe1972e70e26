import "server-only";
import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { MAX_BODY_BYTES } from "@/lib/validation/usage-event";
import { decodeLogsBody, decompressOtlpBody, encodeLogsResponse, otlpEncodingOf } from "./decode-logs";
import { receiveOtlpLogs } from "./receive-otlp-logs";

export type OtlpHttpRequest = { body: Buffer; contentType: string | null | undefined; contentEncoding: string | null | undefined };
export type OtlpHttpAnswer = { status: number; contentType: string; body: Buffer | string };

/**
 * POST /otlp/v1/logs after authentication, framework-free: decompress, decode (JSON or protobuf), receive, and
 * answer an ExportLogsServiceResponse in the request's encoding. Throws AppError for 400/403/413/415.
 */
export async function handleOtlpLogs(req: OtlpHttpRequest, principal: Pick<ApiKeyPrincipal, "id" | "owner">): Promise<OtlpHttpAnswer> {
  const encoding = otlpEncodingOf(req.contentType);
  const body = decompressOtlpBody(req.body, req.contentEncoding, MAX_BODY_BYTES);
  const records = decodeLogsBody(body, encoding);
  const receipt = await receiveOtlpLogs(records, principal);
  const answer = encodeLogsResponse(receipt.partial, encoding);
  return { status: 200, ...answer };
}
