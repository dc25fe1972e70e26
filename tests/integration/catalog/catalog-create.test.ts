import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createActivity } from "@/lib/catalog/create-activity";
import { createTool } from "@/lib/catalog/create-tool";
import { createVendor } from "@/lib/catalog/create-vendor";
import { setCatalogItemArchived } from "@/lib/catalog/archive-catalog-item";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { loadRuleChoices } from "@/lib/policy/load-policy-editor";
import { loadAllowedView } from "@/lib/policy/load-allowed-view";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { decide } from "@/lib/policy/decide";
import { archiveCatalogItemSchema, createActivitySchema, createToolSchema, createVendorSchema } from "@/lib/validation/catalog";
import { useTestDb } from "../../support/test-db";
import { baseRules, createPolicyFixtures, type PolicyFixtures } from "../policy/policy-fixtures";

useTestDb();

let f: PolicyFixtures;
const actor = () => ({ type: "user" as const, id: f.admin.id });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

beforeAll(async () => {
  f = await createPolicyFixtures();
  await savePolicyVersion(actor(), { baseVersion: 0, note: null, rules: baseRules(f) });
});

describe("creating and archiving catalog entries", () => {
  it("creates a vendor, a tool priced per million tokens and an activity; decisions use them at once", async () => {
    const vendor = await createVendor(actor(), createVendorSchema.parse({ slug: "Mistral", name: "Mistral AI", termsUrl: "https://mistral.example/terms" }));
    const tool = await createTool(
      actor(),
      createToolSchema.parse({ slug: "le-chat", name: "Le Chat", vendorId: vendor.id, kind: "external", status: "approved", inputUsdPerMTok: "2", outputUsdPerMTok: "6.5" }),
    );
    const activity = await createActivity(actor(), createActivitySchema.parse({ slug: "code-review", name: "Code review", description: "Reviewing diffs", disposition: "allowed" }));
    expect([vendor.slug, tool.inputUsdPerMTok.toString(), tool.outputUsdPerMTok.toString(), activity.position]).toEqual(["mistral", "2", "6.5", 4]);
    expect((await prisma.auditEntry.findMany({ where: { action: { in: ["vendor.created", "tool.created", "activity.created"] } }, orderBy: { seq: "asc" } })).map((a) => a.action)).toEqual([
      "vendor.created",
      "tool.created",
      "activity.created",
    ]);
    expect(await decide({ user: "ana@example.com", tool: "le-chat", activity: "code-review", project: "infra-ci" })).toMatchObject({ decision: "allow" });
  });

  it("refuses taken slugs and bad input with field errors", async () => {
    expect((await errorOf(createVendor(actor(), { slug: "openai", name: "Again", termsUrl: null })))?.fields).toEqual([{ path: "slug", message: "This slug is taken." }]);
    expect((await errorOf(createTool(actor(), { slug: "codex", name: "Codex 2", vendorId: "nope", kind: "external", status: "approved", inputUsdPerMTok: "1", outputUsdPerMTok: "1" })))?.fields.map((x) => x.path)).toEqual([
      "slug",
      "vendorId",
    ]);
    expect((await errorOf(createActivity(actor(), { slug: "documentation", name: "Docs", description: "d", disposition: "allowed" })))?.fields[0].path).toBe("slug");
    const bad = createToolSchema.safeParse({ slug: "X", name: "", vendorId: "", kind: "cloud", status: "approved", inputUsdPerMTok: "-1", outputUsdPerMTok: "" });
    expect(Object.keys(bad.error!.flatten().fieldErrors).sort()).toEqual(["inputUsdPerMTok", "kind", "name", "outputUsdPerMTok", "slug", "vendorId"]);
    expect(createVendorSchema.safeParse({ slug: "ok-vendor", name: "OK", termsUrl: "javascript:alert(1)" }).success).toBe(false);
  });

  it("an archived tool is denied as tool_blocked, leaves the pickers, keeps its usage history, and can be restored", async () => {
    const ask = () => decide({ user: "ana@example.com", tool: "codex", activity: "documentation", project: "infra-ci" });
    expect((await ask()).decision).toBe("allow");
    await setCatalogItemArchived(actor(), archiveCatalogItemSchema.parse({ kind: "tool", id: f.codex.id, archived: "true" }));
    expect(await ask()).toMatchObject({ decision: "deny", reasons: [{ code: "tool_blocked", message: expect.stringContaining("retired") }] });
    expect(await prisma.tool.count({ where: { id: f.codex.id } })).toBe(1);
    expect((await loadRuleChoices()).options.tools.map((t) => t.name)).not.toContain("Codex");
    expect((await loadRuleChoices()).names.tools[f.codex.id]).toBe("Codex");
    expect((await loadAllowedView(f.ana.id, undefined, {})).tools.map((t) => t.slug)).not.toContain("codex");
    expect((await listCatalog()).tools.at(-1)).toMatchObject({ slug: "codex", archived: true });

    // a vendor is archived only once its tools are (OpenAI's only tool, Codex, is archived now)
    expect(await errorOf(setCatalogItemArchived(actor(), { kind: "vendor", id: f.openai.id, archived: true }))).toBeNull();
    const inhouse = await prisma.vendor.findUniqueOrThrow({ where: { slug: "inhouse" } });
    expect((await errorOf(setCatalogItemArchived(actor(), { kind: "vendor", id: inhouse.id, archived: true })))?.message).toBe("Archive In-house's tools first: MetaCode.");
    // a tool comes back only under a live vendor
    expect((await errorOf(setCatalogItemArchived(actor(), { kind: "tool", id: f.codex.id, archived: false })))?.message).toBe("Restore the vendor OpenAI first.");
    await setCatalogItemArchived(actor(), { kind: "vendor", id: f.openai.id, archived: false });
    await setCatalogItemArchived(actor(), { kind: "tool", id: f.codex.id, archived: false });
    expect((await ask()).decision).toBe("allow");
    expect((await prisma.auditEntry.findMany({ where: { entityId: { in: [f.codex.id, f.openai.id] }, action: { contains: "archived" } } })).length).toBe(2);
  });

  it("an archived activity leaves the pickers", async () => {
    await setCatalogItemArchived(actor(), { kind: "activity", id: f.training.id, archived: true });
    expect((await loadRuleChoices()).options.activities.map((a) => a.name)).not.toContain("Training-data generation");
    await setCatalogItemArchived(actor(), { kind: "activity", id: f.training.id, archived: false });
  });
});
