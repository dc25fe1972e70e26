import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";

type Json = Record<string, unknown>;

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

  it("documents every /api/v1 endpoint with its scope and errors", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/audit", "/audit/verify", "/decisions", "/usage-events", "/usage/summary"]);
    expect(doc.paths["/decisions"].post["x-scope"]).toBe("decide");
    expect(Object.keys(doc.paths["/usage-events"].post.responses as Json)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "413"]));
  });

  it("describes the request bodies the handlers parse, from the same zod schemas", () => {
    const decision = doc.components.schemas.DecisionRequest as { required: string[]; properties: Record<string, Json> };
    expect(decision.required.sort()).toEqual(["activity", "tool", "user"]);
    expect(Object.keys(decision.properties)).toEqual(["user", "tool", "activity", "project", "estimatedTokens"]);
    const event = doc.components.schemas.UsageEvent as { required: string[]; properties: Record<string, Json> };
    expect(event.required.sort()).toEqual(["activity", "id", "inputTokens", "occurredAt", "outputTokens", "tool", "user"]);
    expect(event.properties.inputTokens).toMatchObject({ type: "integer", minimum: 0 });
  });

  it("has no dangling references", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.slice(22, -1));
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });
});
