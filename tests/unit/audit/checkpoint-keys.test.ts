import { generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyIdOf, parseSigningKey, parseVerifyKey } from "@/lib/audit/checkpoint";

describe("checkpoint keys", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const forms = {
    "private PEM": privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    "private base64 DER": privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    "public PEM": publicKey.export({ format: "pem", type: "spki" }).toString(),
    "public base64 DER": publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
  const signature = sign(null, Buffer.from("head"), privateKey);

  it.each(Object.entries(forms))("a verifying key from the %s", (_form, text) => {
    const key = parseVerifyKey(text);
    expect(verify(null, Buffer.from("head"), key, signature)).toBe(true);
    expect(keyIdOf(key)).toBe(keyIdOf(publicKey));
  });

  it("accepts only Ed25519 signing keys", () => {
    expect(parseSigningKey(forms["private PEM"]).asymmetricKeyType).toBe("ed25519");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => parseSigningKey(rsa)).toThrow(/Ed25519/);
  });
});
