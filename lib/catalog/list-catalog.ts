import "server-only";
import { prisma } from "@/lib/db";

/** Everything the catalog admin page edits, as plain data (prices as strings so they cross to the client). */
export async function listCatalog() {
  const [tools, activities, projects] = await Promise.all([
    prisma.tool.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], include: { vendor: { select: { name: true } } } }),
    prisma.activity.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    prisma.project.findMany({ orderBy: { key: "asc" } }),
  ]);
  return {
    tools: tools.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      vendor: t.vendor.name,
      kind: t.kind,
      status: t.status,
      inputUsdPerMTok: t.inputUsdPerMTok.toString(),
      outputUsdPerMTok: t.outputUsdPerMTok.toString(),
    })),
    activities: activities.map((a) => ({ id: a.id, slug: a.slug, name: a.name, description: a.description, disposition: a.disposition })),
    projects: projects.map((p) => ({ id: p.id, key: p.key, name: p.name, sensitivity: p.sensitivity, description: p.description ?? "" })),
  };
}
export type Catalog = Awaited<ReturnType<typeof listCatalog>>;
export type CatalogTool = Catalog["tools"][number];
export type CatalogActivity = Catalog["activities"][number];
export type CatalogProject = Catalog["projects"][number];
