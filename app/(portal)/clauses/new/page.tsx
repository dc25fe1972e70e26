import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { TermsVersionForm } from "@/components/clauses/terms-version-form";
import { requireRole } from "@/lib/auth/authorize";
import { getTermsDraft } from "@/lib/clauses/clause-library";
import { publishTermsAction } from "../actions";

export const metadata = { title: "New terms version" };

export default async function NewTermsVersionPage({ searchParams }: { searchParams: Promise<{ vendor?: string }> }) {
  await requireRole("legal");
  const { vendor } = await searchParams;
  const draft = vendor ? await getTermsDraft(vendor).catch(() => null) : null;
  if (!draft) notFound();
  const prev = draft.previous;
  return (
    <>
      <PageHeader
        title={`New terms version: ${draft.vendor.name}`}
        description={prev ? `Starts as a copy of version ${prev.version}. Edit, add or remove clauses; publishing opens re-reviews for live grants and open requests that relied on a changed or removed clause.` : "The first version of this vendor's terms."}
      />
      <TermsVersionForm
        vendorId={draft.vendor.id}
        vendorName={draft.vendor.name}
        defaults={{ title: prev?.title ?? `${draft.vendor.name} terms`, url: prev?.url ?? draft.vendor.termsUrl ?? "" }}
        previous={(prev?.clauses ?? []).map((c) => ({ ref: c.ref, summary: c.summary, restrictedActivities: c.restrictedActivities, severity: c.severity }))}
        activities={draft.activities}
        action={publishTermsAction}
      />
    </>
  );
}
