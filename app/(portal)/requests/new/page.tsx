import { PolicyPreview } from "@/components/requests/policy-preview";
import { RequestForm } from "@/components/requests/request-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePerson } from "@/lib/auth/authorize";
import { loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { evaluateRequestPolicy } from "@/lib/requests/evaluate-request-policy";
import { firstParams } from "@/lib/validation/search-params";
import { requestPreviewSchema } from "@/lib/validation/request-form";
import { submitRequestAction } from "../actions";

export const metadata = { title: "New exception request · Guardrail" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requirePerson();
  const params = firstParams(await searchParams);
  const subject = requestPreviewSchema.safeParse(params);
  const [snapshot, answer] = await Promise.all([loadPolicySnapshot(), subject.success ? evaluateRequestPolicy(person.id, subject.data) : null]);

  const tools = [...snapshot.toolsBySlug.values()].filter((t) => !t.archived).sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ value: t.slug, label: `${t.name} (${t.vendor})` }));
  const activities = [...snapshot.activitiesBySlug.values()].filter((a) => !a.archived).map((a) => ({ value: a.slug, label: a.name }));
  const projects = [...snapshot.projectsByKey.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((p) => ({ value: p.key, label: `${p.key} (${p.sensitivity.replace("_", "-")})` }));
  const now = new Date();
  const defaults = {
    tool: params.tool ?? "",
    activity: params.activity ?? "",
    project: params.project ?? "",
    startsAt: day(now),
    endsAt: day(new Date(now.getTime() + 30 * 86_400_000)),
  };

  return (
    <div className="space-y-5">
      <PageHeader
        title="New exception request"
        description="Ask to use an external AI tool for work that policy only allows with an approved exception. Your manager decides first; legal reviews requests that touch a restricted vendor clause."
      />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card title="Request">
          <RequestForm action={submitRequestAction} tools={tools} activities={activities} projects={projects} defaults={defaults} />
        </Card>
        <Card title="What the policy says">
          <PolicyPreview answer={answer} />
        </Card>
      </div>
    </div>
  );
}
