// Policy version 1, the rule set that encodes DESIGN.md's dispositions. Rules are evaluated in position order
// by lib/policy/evaluate.ts; the first match decides. Clause-citing rules exist per external tool so that a
// decision about Claude Code cites Anthropic's terms, not every vendor's.
import type { Disposition, RuleEffect, Sensitivity, ToolKind } from "../generated/prisma/enums";
import { TOOLS } from "./catalog-data";

export type RuleSeed = {
  position: number;
  name: string;
  tool?: string;
  toolKind?: ToolKind;
  activity?: string;
  disposition?: Disposition;
  sensitivity?: Sensitivity;
  effect: RuleEffect;
  message: string;
  /** clause keys from catalog-data */
  clauses: string[];
};

export const POLICY_VERSION = 1;
export const POLICY_NOTE = "Initial policy: routine work allowed, product code by exception, model work only in-house.";

/** Per vendor: the clauses each kind of rule cites. */
type VendorClauses = { competing: string; modelWork: string[]; confidentialCode: string; exception: string };
const CLAUSES_OF: Record<string, VendorClauses> = {
  anthropic: { competing: "anthropic:competing", modelWork: ["anthropic:competing", "anthropic:reverse"], confidentialCode: "anthropic:customer-content", exception: "anthropic:aup" },
  openai: { competing: "openai:competing", modelWork: ["openai:competing", "openai:reverse"], confidentialCode: "openai:customer-content", exception: "openai:usage" },
  google: { competing: "google:competing", modelWork: ["google:competing", "google:extraction"], confidentialCode: "google:data-use", exception: "google:rate" },
  github: { competing: "github:competing", modelWork: ["github:competing", "github:automation"], confidentialCode: "github:responsibility", exception: "github:acceptable-use" },
};
const EXTERNAL = TOOLS.filter((t) => t.kind === "external");

function perTool(base: number, build: (tool: (typeof EXTERNAL)[number], clauses: VendorClauses) => Omit<RuleSeed, "position" | "tool">): RuleSeed[] {
  return EXTERNAL.map((tool, i) => ({ position: base + i, tool: tool.slug, ...build(tool, CLAUSES_OF[tool.vendor]) }));
}

export const RULES: RuleSeed[] = [
  ...perTool(10, (tool, c) => ({
    name: `Training-data projects: no ${tool.name}`,
    sensitivity: "training_data",
    effect: "deny",
    message: `This project feeds model training, and ${tool.name}'s terms forbid using its output to build competing models. No external AI tool may touch it, with or without an exception: use MetaCode.`,
    clauses: [c.competing],
  })),
  ...perTool(20, (tool, c) => ({
    name: `Model work is prohibited with ${tool.name}`,
    disposition: "prohibited_external",
    effect: "deny",
    message: `Training data, benchmarks and model development may not be done with ${tool.name}: its terms forbid using the output to build or measure competing models. Use MetaCode for this work.`,
    clauses: c.modelWork,
  })),
  ...perTool(30, (tool, c) => ({
    name: `Product code in confidential projects with ${tool.name}`,
    activity: "product-code",
    sensitivity: "confidential",
    effect: "require_exception",
    message: `Confidential product code may go to ${tool.name} only under an approved exception, reviewed by your manager and by Legal, with a plan for keeping the output out of training data.`,
    clauses: [c.confidentialCode],
  })),
  {
    position: 40,
    name: "Routine engineering work is allowed",
    disposition: "allowed",
    effect: "allow",
    message: "Workflow configuration, code and docs organization, documentation and test infrastructure are allowed with any approved AI tool.",
    clauses: [],
  },
  ...perTool(50, (tool, c) => ({
    name: `Product code and other work with ${tool.name} need an exception`,
    disposition: "exception_required",
    effect: "require_exception",
    message: `Product code and work outside the listed categories need an approved exception before you use ${tool.name}. File a request; your manager decides, and Legal too when the vendor's terms call for it.`,
    clauses: [c.exception],
  })),
  {
    position: 60,
    name: "The in-house assistant may do everything",
    toolKind: "internal",
    effect: "allow",
    message: "MetaCode runs in-house and is allowed for every activity. Register anything that goes into a training pipeline as a contribution.",
    clauses: ["example:provenance"],
  },
];
