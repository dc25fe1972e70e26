import { describe, expect, it } from "vitest";
import { matchRepository, normalizeRepository } from "@/lib/tools/repository-match";

describe("normalizeRepository", () => {
  it.each([
    ["https://github.com/acme/infra-ci.git", "github.com/acme/infra-ci"],
    ["git@github.com:acme/infra-ci.git", "github.com/acme/infra-ci"],
    ["ssh://git@GitHub.com/acme/infra-ci", "github.com/acme/infra-ci"],
    ["https://user:token@github.com/Acme/Infra", "github.com/Acme/Infra"],
    ["/home/ana/src/infra-ci/", "/home/ana/src/infra-ci"],
    ["C:\\src\\infra", "C:/src/infra"],
  ])("%s → %s", (input, out) => expect(normalizeRepository(input)).toBe(out));
});

describe("matchRepository", () => {
  const patterns = [
    { pattern: "github.com/acme/infra-ci", projectKey: "infra-ci" },
    { pattern: "/home/*/src/ads", projectKey: "ads-ranking" },
    { pattern: "/srv/**/pretraining", projectKey: "llm-pretraining-data" },
    { pattern: "/home/*/src/ads/ml", projectKey: "ml" },
  ];
  it.each([
    [["git@github.com:acme/infra-ci.git"], "infra-ci"],
    [["/home/ana/src/ads"], "ads-ranking"],
    [["/home/ana/src/ads/web/app"], "ads-ranking"],
    [["/home/ana/src/ads/ml/train"], "ml"],
    [["/srv/a/b/c/pretraining/x"], "llm-pretraining-data"],
    [["/home/ana/src/adsx"], null],
    [["/home/ana/other/src/ads"], null],
    [[null, "", "https://github.com/acme/infra-ci-fork"], null],
  ])("%j → %s", (candidates, project) => expect(matchRepository(patterns, candidates)?.projectKey ?? null).toBe(project));
});
