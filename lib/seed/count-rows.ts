import "server-only";
import { prisma } from "@/lib/db/client";

const TABLES = {
  Vendor: () => prisma.vendor.count(),
  Tool: () => prisma.tool.count(),
  TermsDocument: () => prisma.termsDocument.count(),
  Clause: () => prisma.clause.count(),
  Activity: () => prisma.activity.count(),
  Project: () => prisma.project.count(),
  PolicyVersion: () => prisma.policyVersion.count(),
  PolicyRule: () => prisma.policyRule.count(),
  PolicyRuleClause: () => prisma.policyRuleClause.count(),
  Team: () => prisma.team.count(),
  User: () => prisma.user.count(),
  Cap: () => prisma.cap.count(),
  ExceptionRequest: () => prisma.exceptionRequest.count(),
  ApprovalStep: () => prisma.approvalStep.count(),
  RequestComment: () => prisma.requestComment.count(),
  Grant: () => prisma.grant.count(),
  UsageEvent: () => prisma.usageEvent.count(),
  UsageDaily: () => prisma.usageDaily.count(),
  UsageDailyRecent: () => prisma.usageDailyRecent.count(),
  UsageMonthly: () => prisma.usageMonthly.count(),
  CapUsage: () => prisma.capUsage.count(),
  ReviewItem: () => prisma.reviewItem.count(),
  ReviewItemClause: () => prisma.reviewItemClause.count(),
  Notification: () => prisma.notification.count(),
  ApiKey: () => prisma.apiKey.count(),
  VendorReport: () => prisma.vendorReport.count(),
  VendorUsageRow: () => prisma.vendorUsageRow.count(),
  AuditEntry: () => prisma.auditEntry.count(),
};

/** Rows per table, for the seed summary and its idempotency test. */
export async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, count] of Object.entries(TABLES)) counts[name] = await count();
  return counts;
}
