import { describe, expect, it } from "vitest";
import { z } from "zod";
import { internalErrorAnswer, knownErrorAnswer } from "@/lib/api/error-body";
import { AppError, notFound } from "@/lib/errors";

describe("the one API error body", () => {
  it("answers our own errors with their status, code and fields, and asks for a bearer token on 401", () => {
    expect(knownErrorAnswer(notFound("Request"))).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "Request not found.", fields: [] } },
      headers: {},
    });
    expect(knownErrorAnswer(new AppError("unauthorized", "No key.", 401))?.headers).toEqual({ "WWW-Authenticate": 'Bearer realm="guardrail"' });
  });

  it("answers a validation error with 400 naming each field", () => {
    const parsed = z.object({ tokens: z.number().int().min(0) }).safeParse({ tokens: -1 });
    const answer = knownErrorAnswer(parsed.error);
    expect(answer?.status).toBe(400);
    expect(answer?.body.error.code).toBe("validation_failed");
    expect(answer?.body.error.fields.map((f) => f.path)).toEqual(["tokens"]);
  });

  it("keeps anything else inside: a 500 with a reference, never the message", () => {
    expect(knownErrorAnswer(new Error("password=hunter2"))).toBeNull();
    const answer = internalErrorAnswer(new Error("password=hunter2"));
    expect(answer.status).toBe(500);
    expect(answer.body.error.message).toMatch(/^Something went wrong on our side \(reference [0-9a-f-]{36}\)/);
    expect(JSON.stringify(answer)).not.toContain("hunter2");
  });
});
