import "server-only";
import { prisma } from "@/lib/db/client";

/** Everything the catalog admin page edits, as plain data (prices as strings so they cross to the client). Archived entries last. */
export async function listCatalog() {
  const [vendors, tools, activities, projects] = await Promise.all([
    prisma.vendor.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { tools: true } } } }),
    prisma.tool.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], include: { vendor: { select: { name: true } } } }),
    prisma.activity.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    prisma.project.findMany({ orderBy: { key: "asc" } }),
  ]);
  const archivedLast = <T extends { archived: boolean }>(rows: T[]) => [...rows.filter((r) => !r.archived), ...rows.filter((r) => r.archived)];
  return {
    vendors: archivedLast(
      vendors.map((v) => ({ id: v.id, slug: v.slug, name: v.name, termsUrl: v.termsUrl ?? "", tools: v._count.tools, archived: v.archivedAt !== null })),
    ),
    tools: archivedLast(
      tools.map((t) => ({
        id: t.id,
        slug: t.slug,
        name: t.name,
        vendor: t.vendor.name,
        kind: t.kind,
        status: t.status,
        inputUsdPerMTok: t.inputUsdPerMTok.toString(),
        outputUsdPerMTok: t.outputUsdPerMTok.toString(),
        archived: t.archivedAt !== null,
      })),
    ),
    activities: archivedLast(
      activities.map((a) => ({ id: a.id, slug: a.slug, name: a.name, description: a.description, disposition: a.disposition, archived: a.archivedAt !== null })),
    ),
    projects: projects.map((p) => ({ id: p.id, key: p.key, name: p.name, sensitivity: p.sensitivity, description: p.description ?? "" })),
  };
}
export type Catalog = Awaited<ReturnType<typeof listCatalog>>;
export type CatalogVendor = Catalog["vendors"][number];
export type CatalogTool = Catalog["tools"][number];
export type CatalogActivity = Catalog["activities"][number];
export type CatalogProject = Catalog["projects"][number];
