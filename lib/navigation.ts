import type { Role } from "./generated/prisma/enums";

// The sidebar. An entry shows when the person holds one of its roles; pages still check on the server.
export type NavItem = { href: string; label: string; roles: Role[]; section: "Work" | "Review" | "Reports" | "Admin" };

const everyone: Role[] = ["engineer", "manager", "legal", "admin"];

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", roles: everyone, section: "Work" },
  { href: "/allowed", label: "What's allowed", roles: everyone, section: "Work" },
  { href: "/requests", label: "My requests", roles: everyone, section: "Work" },
  { href: "/contributions", label: "Training-data contributions", roles: ["engineer", "legal", "admin"], section: "Work" },
  { href: "/usage", label: "My usage", roles: everyone, section: "Work" },
  { href: "/inbox", label: "Inbox", roles: everyone, section: "Work" },
  { href: "/connect", label: "Connect your tools", roles: everyone, section: "Work" },
  { href: "/approvals", label: "Approvals", roles: ["manager", "legal"], section: "Review" },
  { href: "/grants", label: "Tool-approval log", roles: ["manager", "legal", "admin"], section: "Review" },
  { href: "/review", label: "Review queue", roles: ["legal"], section: "Review" },
  { href: "/clauses", label: "Clause library", roles: everyone, section: "Review" },
  { href: "/reports/org", label: "Org usage report", roles: ["manager", "legal", "admin"], section: "Reports" },
  { href: "/reports/legal", label: "Legal report", roles: ["legal", "admin"], section: "Reports" },
  { href: "/reports/reconciliation", label: "Reconciliation", roles: ["legal", "admin"], section: "Reports" },
  { href: "/people", label: "People", roles: ["manager", "admin"], section: "Admin" },
  { href: "/admin/catalog", label: "Tools & projects", roles: ["admin"], section: "Admin" },
  { href: "/admin/policy", label: "Policy rules", roles: ["admin"], section: "Admin" },
  { href: "/admin/caps", label: "Token caps", roles: ["admin"], section: "Admin" },
  { href: "/admin/api-keys", label: "API keys", roles: ["admin"], section: "Admin" },
  { href: "/admin/notifications", label: "Notifications", roles: ["admin"], section: "Admin" },
  { href: "/admin/provisioning", label: "Provisioning", roles: ["admin"], section: "Admin" },
  { href: "/admin/repositories", label: "Repositories", roles: ["admin"], section: "Admin" },
  { href: "/admin/unmatched-telemetry", label: "Unmatched telemetry", roles: ["admin"], section: "Admin" },
  { href: "/admin/vendor-reports", label: "Vendor reports", roles: ["admin"], section: "Admin" },
  { href: "/admin/audit", label: "Audit log", roles: ["legal", "admin"], section: "Admin" },
  { href: "/api-docs", label: "API reference", roles: ["admin"], section: "Admin" },
];

export function navFor(roles: Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((r) => roles.includes(r)));
}
