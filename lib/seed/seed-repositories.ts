import "server-only";
import { prisma } from "@/lib/db/client";
import type { CatalogIds } from "./seed-catalog";

// The demo's repositories and what tool usage on each project counts as when the tool does not say, so that the
// Claude Code hook and telemetry route to a project from the first day (Admin → Repositories).
export const DEMO_REPOSITORIES: { project: string; pattern: string; defaultActivity: string }[] = [
  { project: "infra-ci", pattern: "github.com/acme/infra-ci", defaultActivity: "test-infrastructure" },
  { project: "internal-docs", pattern: "github.com/acme/internal-docs", defaultActivity: "documentation" },
  { project: "ads-ranking", pattern: "github.com/acme/ads-ranking", defaultActivity: "product-code" },
  { project: "payments-core", pattern: "github.com/acme/payments-core", defaultActivity: "product-code" },
  { project: "llm-pretraining-data", pattern: "github.com/acme/llm-pretraining-data", defaultActivity: "training-data-generation" },
  { project: "coding-challenges", pattern: "github.com/acme/coding-challenges", defaultActivity: "benchmark-design" },
];

/** Idempotent: an admin's own mappings and defaults are left alone. */
export async function seedRepositories(catalog: Pick<CatalogIds, "projects" | "activities">) {
  for (const r of DEMO_REPOSITORIES) {
    const project = catalog.projects.get(r.project);
    const activity = catalog.activities.get(r.defaultActivity);
    if (!project || !activity) continue;
    await prisma.repositoryMapping.upsert({ where: { pattern: r.pattern }, create: { pattern: r.pattern, projectId: project.id }, update: {} });
    await prisma.project.updateMany({ where: { id: project.id, defaultActivityId: null }, data: { defaultActivityId: activity.id } });
  }
}
