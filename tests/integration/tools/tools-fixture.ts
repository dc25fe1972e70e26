// The gateway fixture plus what tool connections need: Codex and Gemini CLI in the catalog, the `other`
// activity, a personal token for the engineer and gateway keys.
import { prisma } from "@/lib/db/client";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { createPersonalToken } from "@/lib/api-keys/personal-tokens";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";

export async function createToolsFixture() {
  const fx = await createGatewayFixture();
  const openai = await prisma.vendor.create({ data: { slug: "openai", name: "OpenAI" } });
  const google = await prisma.vendor.create({ data: { slug: "google", name: "Google" } });
  const codex = await prisma.tool.create({ data: { slug: "codex", name: "Codex", vendorId: openai.id, kind: "external", inputUsdPerMTok: 1.25, outputUsdPerMTok: 10 } });
  const gemini = await prisma.tool.create({ data: { slug: "gemini-cli", name: "Gemini CLI", vendorId: google.id, kind: "external", inputUsdPerMTok: 1.25, outputUsdPerMTok: 10 } });
  const other = await prisma.activity.create({ data: { slug: "other", name: "Other", description: "", disposition: "exception_required" } });
  invalidatePolicySnapshot();
  const personal = await createPersonalToken({ id: fx.engineer.id }, { name: "laptop" });
  const gateway = await createApiKey(["ingest", "decide"], "tools gateway");
  const decideOnly = await createApiKey(["decide"], "decide only");
  const ingestOnly = await createApiKey(["ingest"], "ingest only");
  return { ...fx, codex, gemini, other, personal, gateway, decideOnly, ingestOnly };
}

export type ToolsFixture = Awaited<ReturnType<typeof createToolsFixture>>;
