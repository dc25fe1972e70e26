// The identity providers' documented request bodies (tests/fixtures/scim) and a SCIM token for the tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db/client";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/api-keys/key-hash";
import type { Actor } from "@/lib/audit/append-audit";

export const BASE_URL = "https://guardrail.example.com/scim/v2";

/** A fixture body; `ids` swaps the documented ids for ids of records the test made. */
export function idpBody(name: string, ids: Record<string, string> = {}): unknown {
  let text = readFileSync(path.join(import.meta.dirname, "../../fixtures/scim", name), "utf8");
  for (const [from, to] of Object.entries(ids)) text = text.split(from).join(to);
  return JSON.parse(text);
}

export async function createScimToken(name = "Okta") {
  const key = generateApiKey();
  const row = await prisma.apiKey.create({ data: { name, prefix: apiKeyPrefix(key), hash: hashApiKey(key), scopes: ["scim"] } });
  return { key, id: row.id, actor: { type: "api_key", id: row.id } satisfies Actor as Actor };
}
