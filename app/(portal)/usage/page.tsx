import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { MyUsageView } from "@/components/reports/my-usage-view";
import { ReportPrintStyles } from "@/components/reports/print-styles";
import { requirePerson } from "@/lib/auth/authorize";
import { loadMyUsage } from "@/lib/reports/load-my-usage";

export const metadata: Metadata = { title: "My usage · Guardrail" };

export default async function MyUsagePage() {
  const person = await requirePerson();
  const now = new Date();
  const usage = await loadMyUsage(person, now);
  return (
    <>
      <ReportPrintStyles />
      <PageHeader title="My usage" description="Your AI tool usage this month against your token cap, by tool and project, and the tool approvals you hold." />
      <MyUsageView usage={usage} now={now} />
    </>
  );
}
