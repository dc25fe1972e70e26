import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/api/format-bytes";

// Finding 8 of issue 15: the decisions endpoint's 413 said "larger than 0 MB" for its 64 KB limit.
describe("formatBytes", () => {
  it.each([
    [512, "512 bytes"],
    [1024, "1 KB"],
    [64 * 1024, "64 KB"],
    [1536, "1.5 KB"],
    [10 * 1024 * 1024, "10 MB"],
    [1.5 * 1024 * 1024, "1.5 MB"],
    [2 * 1024 * 1024 * 1024, "2 GB"],
  ])("%i → %s", (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
