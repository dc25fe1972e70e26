import { PageHeader } from "@/components/ui/page-header";
import { AdminPanel } from "@/components/shell/overview/admin-panel";
import { EngineerPanel } from "@/components/shell/overview/engineer-panel";
import { LegalPanel } from "@/components/shell/overview/legal-panel";
import { ManagerPanel } from "@/components/shell/overview/manager-panel";
import { hasRole, requirePerson } from "@/lib/auth/authorize";
import { getAdminOverview } from "@/lib/overview/admin-overview";
import { getEngineerOverview } from "@/lib/overview/engineer-overview";
import { getLegalOverview } from "@/lib/overview/legal-overview";
import { getManagerOverview } from "@/lib/overview/manager-overview";

export const metadata = { title: "Overview" };

// One panel per role the person holds; everyone sees their own usage.
export default async function OverviewPage() {
  const person = await requirePerson();
  const [engineer, manager, legal, admin] = await Promise.all([
    getEngineerOverview(person),
    hasRole(person, "manager") ? getManagerOverview(person) : null,
    hasRole(person, "legal") ? getLegalOverview() : null,
    hasRole(person, "admin") ? getAdminOverview() : null,
  ]);
  return (
    <>
      <PageHeader title={`Hello, ${person.name.split(" ")[0]}`} description="Your AI-tool usage this month and what needs your attention." />
      <div className="space-y-5">
        {manager && <ManagerPanel data={manager} />}
        {legal && <LegalPanel data={legal} />}
        {admin && <AdminPanel data={admin} />}
        <EngineerPanel data={engineer} />
      </div>
    </>
  );
}
