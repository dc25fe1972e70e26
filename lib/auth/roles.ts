import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Whether a person holds one of `roles`: the one role test used by authorization and by the scope rules in
 * lib/ (which grants, reports and contributions a person may read). Pure, so scripts and benchmarks that run
 * those rules outside Next can import it.
 */
export function hasRole(person: { roles: readonly Role[] }, ...roles: Role[]): boolean {
  return roles.some((r) => person.roles.includes(r));
}
