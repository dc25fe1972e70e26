import { describe, expect, it } from "vitest";
import { backoffMs } from "@/lib/notifications/outbox-worker";
import { signWebhook, verifyWebhook } from "@/lib/notifications/webhook-signature";

// The vector was computed independently of this code:
//   printf '%s' '1732700000.{"id":"evt_1","type":"cap.threshold"}' | openssl dgst -sha256 -hmac 'whsec_test' -hex
const BODY = '{"id":"evt_1","type":"cap.threshold"}';
const EXPECTED = "v1=ca2a4d5d8be044e6ff940272158dfb736933f2a15c4866bc4ea9d8de2837fdd0";

describe("webhook signature", () => {
  it("is HMAC-SHA256 over `timestamp.body`, hex, prefixed v1=", () => {
    expect(signWebhook("whsec_test", 1732700000, BODY)).toBe(EXPECTED);
  });

  it("verifies within the tolerance, with any of several signatures (secret rotation)", () => {
    const ok = { secret: "whsec_test", body: BODY, timestamp: "1732700000", nowSeconds: 1732700100 };
    expect(verifyWebhook({ ...ok, signature: EXPECTED })).toBe(true);
    expect(verifyWebhook({ ...ok, signature: `v1=${"0".repeat(64)}, ${EXPECTED}` })).toBe(true);
    expect(verifyWebhook({ ...ok, signature: EXPECTED, nowSeconds: 1732700000 + 301 })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: EXPECTED.toUpperCase() })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: null })).toBe(false);
    expect(verifyWebhook({ ...ok, timestamp: "soon", signature: EXPECTED })).toBe(false);
  });
});

describe("outbox backoff", () => {
  it("doubles from 30 s and stops growing at an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
  });
});
