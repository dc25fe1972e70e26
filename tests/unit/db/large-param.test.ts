import { afterEach, describe, expect, it, vi } from "vitest";
import { Client } from "pg";
import { LargeParamClient, resolveLargeParams, withLargeParams } from "@/lib/db/large-param";

afterEach(() => vi.restoreAllMocks());

// What the client hands to pg's own query(), whatever form the caller used.
function sentBy(call: (c: LargeParamClient) => void): unknown[] {
  const spy = vi.spyOn(Client.prototype, "query").mockImplementation(((...args: unknown[]) => args) as never);
  call(new LargeParamClient());
  return spy.mock.lastCall!;
}

describe("large parameters", () => {
  it("stand in for the value only while their statement runs", async () => {
    let token = "";
    const out = await withLargeParams(true, ['[{"a":"x"}]'], async ([t]) => {
      token = t;
      expect(t).not.toBe('[{"a":"x"}]');
      expect(resolveLargeParams([t, 1, null, "plain"])).toEqual(['[{"a":"x"}]', 1, null, "plain"]);
      return "done";
    });
    expect(out).toBe("done");
    expect(resolveLargeParams([token])).toEqual([token]);
  });

  it("are released when the statement fails", async () => {
    let token = "";
    await expect(
      withLargeParams(true, ["v"], async ([t]) => {
        token = t;
        throw new Error("statement failed");
      }),
    ).rejects.toThrow("statement failed");
    expect(resolveLargeParams([token])).toEqual([token]);
  });

  it("pass the values as they are where the pool does not take them (the embedded database)", async () => {
    await withLargeParams(false, ["v"], async (params) => expect(params).toEqual(["v"]));
  });

  it("are put back by the pool's client, in a query config and in text plus values", async () => {
    await withLargeParams(true, ["big"], async ([t]) => {
      const [config] = sentBy((c) => void c.query({ text: "SELECT $1::json, $2", values: [t, 2], rowMode: "array" } as never));
      expect(config).toEqual({ text: "SELECT $1::json, $2", values: ["big", 2], rowMode: "array" });
      const [text, values] = sentBy((c) => void c.query("SELECT $1::json", [t]));
      expect([text, values]).toEqual(["SELECT $1::json", ["big"]]);
    });
  });

  it("leave a submittable (a cursor, a COPY stream) and parameterless queries alone", async () => {
    await withLargeParams(true, ["big"], async ([t]) => {
      const cursor = { submit: () => undefined, values: [t] };
      expect(sentBy((c) => void c.query(cursor as never))[0]).toBe(cursor);
      expect(sentBy((c) => void c.query("SELECT 1"))).toEqual(["SELECT 1"]);
    });
  });
});
