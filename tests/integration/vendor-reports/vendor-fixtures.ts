import { readFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db/client";

export const vendorFixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../fixtures/vendor-reports", name), "utf8");

/** The vendors the reports come from, a team, and the two people the Claude Code fixture names. */
export async function createVendorFixtures() {
  const [anthropic, openai, google] = await Promise.all(
    [
      ["anthropic", "Anthropic"],
      ["openai", "OpenAI"],
      ["google", "Google"],
    ].map(([slug, name]) => prisma.vendor.upsert({ where: { slug }, create: { slug, name }, update: {} })),
  );
  const team = await prisma.team.create({ data: { slug: "platform-v", name: "Platform V" } });
  const engineer = await prisma.user.create({ data: { email: "engineer@example.com", employeeId: "V-E1", name: "Alex Kim", roles: ["engineer"], teamId: team.id } });
  const manager = await prisma.user.create({ data: { email: "manager@example.com", employeeId: "V-M1", name: "Morgan Reyes", roles: ["engineer", "manager"], teamId: team.id } });
  const admin = await prisma.user.create({ data: { email: "vendor-admin@example.com", employeeId: "V-A1", name: "Sam Ortiz", roles: ["admin"] } });
  return { anthropic, openai, google, team, engineer, manager, admin };
}
export type VendorFixtures = Awaited<ReturnType<typeof createVendorFixtures>>;
