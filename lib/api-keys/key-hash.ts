import "server-only";
import { hash, randomBytes } from "node:crypto";

export const API_KEY_SCOPES = ["ingest", "decide", "read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/** The identity provider's scope (/scim/v2). A SCIM token holds it alone: it can rewrite the directory. */
export const SCIM_SCOPE = "scim";
export const KEY_SCOPES = [...API_KEY_SCOPES, SCIM_SCOPE] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** Keys are stored as a SHA-256 hash; the plain value is shown once at creation. */
export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}

export function generateApiKey(): string {
  return `grk_${randomBytes(24).toString("base64url")}`;
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 10);
}
