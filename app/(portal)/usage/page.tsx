import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { MyUsageView } from "@/components/reports/my-usage-view";
import { ReportPrintStyles } from "@/components/reports/print-styles";
import { requirePerson } from "@/lib/auth/authorize";
import { loadMyUsage } from "@/lib/reports/load-my-usage";
import { loadPersonContext } from "@/lib/policy/policy-snapshot";
import { CapIncreaseForm } from "@/components/usage/cap-increase-form";
import { requestCapIncreaseAction } from "./actions";

export const metadata: Metadata = { title: "My usage · Guardrail" };

export default async function MyUsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requirePerson();
  const now = new Date();
  const [usage, context, params] = await Promise.all([loadMyUsage(person, now), loadPersonContext(person.id), searchParams]);
  return (
    <>
      <ReportPrintStyles />
      <PageHeader title="My usage" description="Your AI tool usage this month against your token cap, by tool and project, and the tool approvals you hold." />
      <MyUsageView usage={usage} now={now} />
      <div className="mt-5">
        <CapIncreaseForm currentCap={context?.person.monthlyCap ?? 0} highlight={params.capIncrease === "1"} action={requestCapIncreaseAction} />
      </div>
    </>
  );
}
