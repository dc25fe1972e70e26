import "server-only";
import { prisma } from "@/lib/db/client";
import type { Disposition, Sensitivity, ToolKind } from "@/lib/generated/prisma/enums";
import { ACTIVITIES, PROJECTS, TERMS, TOOLS, VENDORS } from "./catalog-data";

export type CatalogIds = {
  tools: Map<string, { id: string; kind: ToolKind }>;
  activities: Map<string, { id: string; disposition: Disposition }>;
  projects: Map<string, { id: string; sensitivity: Sensitivity }>;
  /** clause key ("anthropic:competing") → clause id */
  clauses: Map<string, string>;
};

/** Upserts vendors, tools, terms with their clauses, activities and projects; keyed by slug/key/ref. */
export async function seedCatalog(): Promise<CatalogIds> {
  const vendorIds = new Map<string, string>();
  for (const v of VENDORS) {
    const row = await prisma.vendor.upsert({ where: { slug: v.slug }, create: v, update: { name: v.name, termsUrl: v.termsUrl } });
    vendorIds.set(v.slug, row.id);
  }

  const tools: CatalogIds["tools"] = new Map();
  for (const t of TOOLS) {
    const data = { name: t.name, vendorId: vendorIds.get(t.vendor)!, kind: t.kind, inputUsdPerMTok: t.inputUsdPerMTok, outputUsdPerMTok: t.outputUsdPerMTok };
    // The tool's status is the admin's to change: create it approved, never reset it. Unchanged rows are
    // not written so a re-run leaves updatedAt alone.
    const existing = await prisma.tool.findUnique({ where: { slug: t.slug } });
    const same =
      existing &&
      existing.name === data.name &&
      existing.vendorId === data.vendorId &&
      existing.kind === data.kind &&
      existing.inputUsdPerMTok.toNumber() === data.inputUsdPerMTok &&
      existing.outputUsdPerMTok.toNumber() === data.outputUsdPerMTok;
    const row = same
      ? existing
      : await prisma.tool.upsert({ where: { slug: t.slug }, create: { slug: t.slug, status: "approved", ...data }, update: data });
    tools.set(t.slug, { id: row.id, kind: row.kind });
  }

  const clauses = new Map<string, string>();
  for (const doc of TERMS) {
    const vendorId = vendorIds.get(doc.vendor)!;
    const fields = { title: doc.title, effectiveDate: new Date(`${doc.effectiveDate}T00:00:00Z`), url: doc.url };
    const terms = await prisma.termsDocument.upsert({
      where: { vendorId_version: { vendorId, version: doc.version } },
      create: { vendorId, version: doc.version, ...fields },
      update: fields,
    });
    for (const c of doc.clauses) {
      const data = { summary: c.summary, restrictedActivities: c.restrictedActivities, severity: c.severity };
      const row = await prisma.clause.upsert({
        where: { termsDocumentId_ref: { termsDocumentId: terms.id, ref: c.ref } },
        create: { termsDocumentId: terms.id, ref: c.ref, ...data },
        update: data,
      });
      clauses.set(c.key, row.id);
    }
  }

  const activities: CatalogIds["activities"] = new Map();
  for (const [index, a] of ACTIVITIES.entries()) {
    const data = { name: a.name, description: a.description, disposition: a.disposition, position: (index + 1) * 10 };
    const row = await prisma.activity.upsert({ where: { slug: a.slug }, create: { slug: a.slug, ...data }, update: data });
    activities.set(a.slug, { id: row.id, disposition: row.disposition });
  }

  const projects: CatalogIds["projects"] = new Map();
  for (const p of PROJECTS) {
    const data = { name: p.name, sensitivity: p.sensitivity, description: p.description };
    const existing = await prisma.project.findUnique({ where: { key: p.key } });
    const same = existing && existing.name === data.name && existing.sensitivity === data.sensitivity && existing.description === data.description;
    const row = same ? existing : await prisma.project.upsert({ where: { key: p.key }, create: { key: p.key, ...data }, update: data });
    projects.set(p.key, { id: row.id, sensitivity: row.sensitivity });
  }
  return { tools, activities, projects, clauses };
}
