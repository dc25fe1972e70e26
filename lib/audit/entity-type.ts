// What an audit entry is about: one name per kind of record, snake_case like the actions ("request.approved").

export const AUDIT_ENTITY_TYPES = [
  "exception_request",
  "grant",
  "user",
  "api_key",
  "activity",
  "cap",
  "contribution",
  "evidence",
  "policy_version",
  "project",
  "review_item",
  "seed",
  "terms_document",
  "tool",
  "usage_batch",
  "vendor",
  "team",
  "webhook_endpoint",
  "ops_settings",
  "scim_group",
  "scim_group_mapping",
  "personal_token",
  "repository_mapping",
  "unmatched_telemetry",
  "user_email_alias",
  "audit_checkpoint",
  "people_import",
  "vendor_report",
  "vendor_account_mapping",
  "test",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/**
 * Names written before the types were normalised. Entries are hash-chained, so old rows keep the name they
 * were written with (rewriting them would break the chain); filters match both spellings instead.
 */
const LEGACY_NAMES: Partial<Record<AuditEntityType, string[]>> = {
  exception_request: ["ExceptionRequest"],
  grant: ["Grant"],
  user: ["User"],
  api_key: ["ApiKey"],
};

/** The stored names an entity type filter matches (the type and its legacy spellings). */
export function storedEntityTypeNames(type: string): string[] {
  const canonical = canonicalEntityType(type);
  return canonical ? [canonical, ...(LEGACY_NAMES[canonical] ?? [])] : [type];
}

/** The canonical type for a stored name (legacy spellings included), or null for a name that is not one. */
export function canonicalEntityType(name: string): AuditEntityType | null {
  if ((AUDIT_ENTITY_TYPES as readonly string[]).includes(name)) return name as AuditEntityType;
  const found = Object.entries(LEGACY_NAMES).find(([, legacy]) => legacy.includes(name));
  return found ? (found[0] as AuditEntityType) : null;
}
