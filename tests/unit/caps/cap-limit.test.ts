import { describe, expect, it } from "vitest";
import { capResolver, FALLBACK_MONTHLY_CAP, reservationLimits, type CapRow } from "@/lib/caps/cap-limit";

const row = (r: Partial<CapRow> & Pick<CapRow, "scope" | "monthlyTokens">): CapRow => ({ role: null, teamId: null, userId: null, kind: "external", toolId: null, ...r });

const CAPS: CapRow[] = [
  row({ scope: "role", role: "engineer", monthlyTokens: 40 }),
  row({ scope: "role", role: "manager", monthlyTokens: 20 }),
  row({ scope: "team", teamId: "eng", monthlyTokens: 60 }),
  row({ scope: "user", userId: "u-low", monthlyTokens: 8 }),
  row({ scope: "role", role: "engineer", kind: "in_house", monthlyTokens: 100 }),
  row({ scope: "team", teamId: "platform", kind: "in_house", monthlyTokens: 70 }),
  row({ scope: "role", role: "engineer", kind: "tool", toolId: "codex", monthlyTokens: 5 }),
  row({ scope: "user", userId: "u-low", kind: "tool", toolId: "codex", monthlyTokens: 1 }),
];

describe("capResolver", () => {
  const caps = capResolver(CAPS);

  it("resolves each kind by the same rule: person, then nearest team up the tree, then the largest role default", () => {
    const low = caps({ id: "u-low", roles: ["engineer"], teamChain: ["platform", "eng"] });
    expect(low.external).toBe(8);
    expect(low.inHouse).toBe(70);
    expect(Object.fromEntries(low.tools)).toEqual({ codex: 1 });
    const lead = caps({ id: "u-lead", roles: ["engineer", "manager"], teamChain: ["eng"] });
    expect(lead.external).toBe(60);
    expect(lead.inHouse).toBe(100);
    expect(Object.fromEntries(lead.tools)).toEqual({ codex: 5 });
  });

  it("has an external cap for everyone, and no in-house or tool cap unless one is set", () => {
    const legal = caps({ id: "u-legal", roles: ["legal"], teamChain: [] });
    expect(legal).toEqual({ external: FALLBACK_MONTHLY_CAP, inHouse: null, tools: new Map() });
    expect(caps({ id: "u-m", roles: ["manager"], teamChain: [] }).external).toBe(20);
  });

  it("reserves only in the caps that govern the tool", () => {
    const state = { period: "2026-11", used: 0, reserved: 0, remaining: 10 };
    expect(reservationLimits({ external: { ...state, limit: 10, applies: true }, inHouse: null, tool: null }, "codex")).toEqual([{ bucket: "external", limit: 10 }]);
    expect(reservationLimits({ external: { ...state, limit: 10, applies: false }, inHouse: null, tool: null }, "metacode")).toEqual([]);
    expect(
      reservationLimits({ external: { ...state, limit: 10, applies: false }, inHouse: { ...state, limit: 7, applies: true }, tool: { ...state, limit: 3 } }, "metacode"),
    ).toEqual([
      { bucket: "in_house", limit: 7 },
      { bucket: "tool:metacode", limit: 3 },
    ]);
  });
});
