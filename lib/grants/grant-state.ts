import type { GrantState } from "@/lib/validation/grant";

/** A grant's state at `now`, computed at read time so an expired grant reads as expired before any job runs. */
export function grantState(g: { validFrom: Date; validTo: Date; revokedAt: Date | null }, now: Date): GrantState {
  if (g.revokedAt) return "revoked";
  if (g.validTo <= now) return "expired";
  if (g.validFrom > now) return "scheduled";
  return "live";
}
