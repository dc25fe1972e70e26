// The exception requests of the demo: one in every state, several for engineer@example.com.
import type { RequestStatus } from "../generated/prisma/enums";
import type { PersonSeed } from "./org-data";
import { storyCast } from "./org-data";

export type RequestSeed = {
  id: string;
  requester: string;
  tool: string;
  activity: string;
  project: string | null;
  justification: string;
  dataHandling: string;
  status: RequestStatus;
  /** days relative to the anchor (negative: in the past) */
  createdDaysAgo: number;
  window: [number, number];
  /** for rejected: the stage that rejected; for withdrawn: whether the manager had approved first */
  rejectedAt?: "manager" | "legal";
  decisionReason?: string;
  capOverrideTokens?: number;
  revokedDaysAgo?: number;
  revokeReason?: string;
  comments: { by: "requester" | "manager" | "legal"; body: string; daysAgo: number }[];
};

const KEEP_OUT = "Output stays in the product repository; the repo is excluded from every training-data export and the session is not logged to shared notebooks.";

export function buildRequests(people: PersonSeed[]): RequestSeed[] {
  const cast = storyCast(people);
  const byTeam = (team: string, i: number) => people.filter((p) => p.team === team && p.active && !p.roles.includes("manager"))[i].email;
  return [
    {
      id: "seed-req-engineer-pending", requester: "engineer@example.com", tool: "claude-code", activity: "product-code", project: "infra-ci", status: "pending_manager",
      justification: "Rewrite the flaky-test quarantine service in Go; it ships as part of the CI product every team uses and the Python version no longer keeps up.",
      dataHandling: KEEP_OUT, createdDaysAgo: 1, window: [1, 46],
      comments: [{ by: "requester", body: "Happy to pair with someone from Dev Productivity on the review if that helps.", daysAgo: 1 }],
    },
    {
      id: "seed-req-engineer-approved", requester: "engineer@example.com", tool: "codex", activity: "product-code", project: "infra-ci", status: "approved",
      justification: "Generate the boilerplate for the new artifact-cache client library used by the build farm.",
      dataHandling: KEEP_OUT, createdDaysAgo: 22, window: [-20, 40], decisionReason: "Fine for the cache client; keep the generated tests reviewed like any other code.",
      comments: [
        { by: "manager", body: "Approved for the artifact cache only. Ping me if the scope grows.", daysAgo: 21 },
        { by: "requester", body: "Thanks, will do.", daysAgo: 21 },
      ],
    },
    {
      id: "seed-req-engineer-rejected", requester: "engineer@example.com", tool: "gemini-cli", activity: "product-code", project: "payments-core", status: "rejected", rejectedAt: "manager",
      justification: "Help the Payments team fix the retry logic in the payout scheduler.",
      dataHandling: KEEP_OUT, createdDaysAgo: 34, window: [-33, 10], decisionReason: "Payments core is not our codebase; the Payments team owns this fix and can file their own request if they need it.",
      comments: [{ by: "manager", body: "Let's leave this one to Payments.", daysAgo: 33 }],
    },
    {
      id: "seed-req-engineer-expired", requester: "engineer@example.com", tool: "claude-code", activity: "other", project: "internal-docs", status: "expired",
      justification: "Convert the old wiki export into the new handbook structure, including diagrams described in text.",
      dataHandling: "Only public-facing engineering docs; nothing from confidential projects is pasted in.", createdDaysAgo: 78, window: [-75, -15],
      decisionReason: "Agreed for the migration window.",
      comments: [{ by: "legal", body: "Cleared: the docs contain no customer data. This is a one-off window.", daysAgo: 76 }],
    },
    {
      id: "seed-req-ads-pending-legal", requester: cast.ads[0].email, tool: "claude-code", activity: "product-code", project: "ads-ranking", status: "pending_legal",
      justification: "Refactor the bid-shading module so the new auction format can reuse it.",
      dataHandling: KEEP_OUT, createdDaysAgo: 3, window: [0, 60], decisionReason: "Fine from the team's side; needs Legal because ads-ranking is confidential.",
      comments: [{ by: "requester", body: "The module has no user data, only auction parameters.", daysAgo: 3 }],
    },
    {
      id: "seed-req-ads-approved", requester: cast.ads[1].email, tool: "copilot", activity: "product-code", project: "ads-ranking", status: "approved",
      justification: "Autocomplete while porting the ranking feature extractors to the new serving framework.",
      dataHandling: KEEP_OUT, createdDaysAgo: 47, window: [-45, 44], decisionReason: "Approved with the standard data-handling conditions.",
      comments: [{ by: "legal", body: "Copilot Business has code retention off for our org; approved.", daysAgo: 45 }],
    },
    {
      id: "seed-req-payments-approved", requester: cast.payments[0].email, tool: "claude-code", activity: "product-code", project: "payments-core", status: "approved",
      justification: "Migrate the ledger reconciliation jobs from cron scripts to the workflow engine.",
      dataHandling: KEEP_OUT, createdDaysAgo: 32, window: [-30, 59], capOverrideTokens: 60_000_000,
      decisionReason: "Approved; the migration is large, so the grant raises the monthly cap.",
      comments: [{ by: "manager", body: "Raising the cap for this project: the migration touches ~400 jobs.", daysAgo: 31 }],
    },
    {
      id: "seed-req-payments-pending-manager", requester: cast.payments[2].email, tool: "codex", activity: "product-code", project: "payments-core", status: "pending_manager",
      justification: "Add property-based tests and fix the rounding bugs they find in currency conversion.",
      dataHandling: KEEP_OUT, createdDaysAgo: 2, window: [0, 30], comments: [],
    },
    {
      id: "seed-req-mobile-withdrawn", requester: byTeam("mobile", 1), tool: "gemini-cli", activity: "other", project: null, status: "withdrawn",
      justification: "Draft app-store release notes in several languages.",
      dataHandling: "Release notes are public anyway.", createdDaysAgo: 19, window: [-18, 12],
      comments: [{ by: "requester", body: "Withdrawing: the localization team already does this.", daysAgo: 17 }],
    },
    {
      id: "seed-req-ads-revoked", requester: cast.ads[5].email, tool: "codex", activity: "product-code", project: "ads-ranking", status: "revoked",
      justification: "Speed up writing the click-model evaluation harness.",
      dataHandling: KEEP_OUT, createdDaysAgo: 40, window: [-38, 50], revokedDaysAgo: 10,
      revokeReason: "Generated code was copied into a feature pipeline that feeds model training, which the grant did not cover.",
      decisionReason: "Approved for the evaluation harness only.",
      comments: [{ by: "legal", body: "Revoking after the review of the feature-pipeline commit. Please use MetaCode for anything near training data.", daysAgo: 10 }],
    },
    {
      id: "seed-req-platform-approved", requester: byTeam("platform", 2), tool: "claude-code", activity: "product-code", project: "infra-ci", status: "approved",
      justification: "Port the deploy orchestrator's plugins to the new plugin API.",
      dataHandling: KEEP_OUT, createdDaysAgo: 12, window: [-10, 79], decisionReason: "Approved.", comments: [],
    },
    {
      id: "seed-req-mlr-rejected", requester: byTeam("ml-research", 0), tool: "codex", activity: "other", project: null, status: "rejected", rejectedAt: "legal",
      justification: "Summarize recent papers on code-model evaluation for the team reading group.",
      dataHandling: "Summaries stay in the reading-group doc.", createdDaysAgo: 26, window: [-24, 30],
      decisionReason: "Too close to benchmark design: summaries of evaluation methods feed directly into our own benchmark work. Use MetaCode.",
      comments: [{ by: "requester", body: "Understood, switching to MetaCode.", daysAgo: 23 }],
    },
    {
      id: "seed-req-devprod-expired", requester: byTeam("dev-productivity", 4), tool: "copilot", activity: "product-code", project: "infra-ci", status: "expired",
      justification: "Build the remote-execution client for the new build system.",
      dataHandling: KEEP_OUT, createdDaysAgo: 88, window: [-86, -30], decisionReason: "Approved for the build-system milestone.", comments: [],
    },
    {
      id: "seed-req-security-pending-legal", requester: byTeam("security", 1), tool: "claude-code", activity: "other", project: null, status: "pending_legal",
      justification: "Draft threat models for the new SSO integration from our architecture notes.",
      dataHandling: "Architecture notes only; no secrets, keys or customer data.", createdDaysAgo: 4, window: [0, 30],
      decisionReason: "Useful for the SSO rollout; over to Legal.", comments: [],
    },
  ];
}
