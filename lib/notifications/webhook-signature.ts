import { createHmac, timingSafeEqual } from "node:crypto";

// Guardrail's webhook signature (README "Webhook verification"): HMAC-SHA256 keyed with the endpoint's secret
// over `${timestamp}.${body}`, where timestamp is the Unix time in seconds sent in Guardrail-Timestamp and body
// is the raw request body. Sent as `Guardrail-Signature: v1=<hex>`. Binding the timestamp stops replays of an
// old delivery once it falls outside the receiver's tolerance.
export const TIMESTAMP_HEADER = "guardrail-timestamp";
export const SIGNATURE_HEADER = "guardrail-signature";
export const EVENT_HEADER = "guardrail-event";
export const DELIVERY_HEADER = "guardrail-delivery";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The receiver's side: true when the signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(ts)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  // A receiver may get several signatures during a secret rotation: any one matching is enough.
  return input.signature.split(",").some((candidate) => {
    const got = Buffer.from(candidate.trim());
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
