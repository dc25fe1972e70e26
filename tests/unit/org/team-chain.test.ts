import { describe, expect, it } from "vitest";
import { teamChainOf } from "@/lib/org/team-chain";

describe("teamChainOf", () => {
  const parents = new Map<string, string | null>([
    ["root", null],
    ["eng", "root"],
    ["platform", "eng"],
    ["loop-a", "loop-b"],
    ["loop-b", "loop-a"],
  ]);
  it("lists the team, then its parents up to the root", () => {
    expect(teamChainOf("platform", parents)).toEqual(["platform", "eng", "root"]);
  });
  it("is empty without a team and stops on a cycle", () => {
    expect(teamChainOf(null, parents)).toEqual([]);
    expect(teamChainOf("loop-a", parents)).toEqual(["loop-a", "loop-b"]);
  });
});
