import { describe, expect, it } from "vitest";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/api-keys/key-hash";

describe("API key hashes", () => {
  it("are the SHA-256 of the key in lower-case hex, as stored since keys were introduced", () => {
    // FIPS 180-2's test vector for "abc", and a key-shaped value computed with `printf %s … | sha256sum`
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashApiKey("grk_0123456789")).toBe("cb08b7f848b85e8c4b5ea22e4a758ef4c65b82d32896e5c8129045063a0e5973");
  });

  it("differ between keys, and a new key has the grk_ prefix", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).toMatch(/^grk_[A-Za-z0-9_-]{32}$/);
    expect(hashApiKey(a)).not.toBe(hashApiKey(b));
    expect(apiKeyPrefix(a)).toBe(a.slice(0, 10));
  });
});
