// The demo catalog: vendors, their tools and published terms, activity categories and projects.
// Names and slugs are the ones gateways send to /api/v1 (README "Machine API (gateways)", and the OpenAPI document at /api/v1/openapi.json). Clause summaries are our own plain-language reading.
import type { Disposition, Sensitivity, Severity, ToolKind } from "../generated/prisma/enums";

export const COMPANY_NAME = "Example Corp";

export type VendorSeed = { slug: string; name: string; termsUrl: string };
export type ToolSeed = { slug: string; name: string; vendor: string; kind: ToolKind; inputUsdPerMTok: number; outputUsdPerMTok: number };
export type ClauseSeed = { key: string; ref: string; summary: string; restrictedActivities: string[]; severity: Severity };
export type TermsSeed = { vendor: string; title: string; version: string; effectiveDate: string; url: string; clauses: ClauseSeed[] };
export type ActivitySeed = { slug: string; name: string; description: string; disposition: Disposition };
export type ProjectSeed = { key: string; name: string; sensitivity: Sensitivity; description: string };

export const VENDORS: VendorSeed[] = [
  { slug: "anthropic", name: "Anthropic", termsUrl: "https://www.anthropic.com/legal/commercial-terms" },
  { slug: "openai", name: "OpenAI", termsUrl: "https://openai.com/policies/services-agreement/" },
  { slug: "google", name: "Google", termsUrl: "https://ai.google.dev/gemini-api/terms" },
  { slug: "github", name: "GitHub", termsUrl: "https://github.com/customer-terms/github-copilot-product-specific-terms" },
  { slug: "example-corp", name: COMPANY_NAME, termsUrl: "https://intranet.example.com/policies/metacode-acceptable-use" },
];

// List prices per million tokens (USD) of the model each tool uses by default; MetaCode is the in-house serving cost.
export const TOOLS: ToolSeed[] = [
  { slug: "claude-code", name: "Claude Code", vendor: "anthropic", kind: "external", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
  { slug: "codex", name: "Codex", vendor: "openai", kind: "external", inputUsdPerMTok: 1.25, outputUsdPerMTok: 10 },
  { slug: "gemini-cli", name: "Gemini CLI", vendor: "google", kind: "external", inputUsdPerMTok: 1.25, outputUsdPerMTok: 10 },
  { slug: "copilot", name: "GitHub Copilot", vendor: "github", kind: "external", inputUsdPerMTok: 2, outputUsdPerMTok: 8 },
  { slug: "metacode", name: "MetaCode", vendor: "example-corp", kind: "internal", inputUsdPerMTok: 0.4, outputUsdPerMTok: 1.6 },
];

const MODEL_WORK = ["training-data-generation", "benchmark-design", "model-development"];

export const TERMS: TermsSeed[] = [
  {
    vendor: "anthropic",
    title: "Anthropic Commercial Terms of Service",
    version: "2025-06",
    effectiveDate: "2025-06-17",
    url: "https://www.anthropic.com/legal/commercial-terms",
    clauses: [
      { key: "anthropic:competing", ref: "§D.4(a)", summary: "You may not use Claude or its outputs to build a competing product or service, including training or improving AI models that compete with Anthropic's.", restrictedActivities: MODEL_WORK, severity: "critical" },
      { key: "anthropic:reverse", ref: "§D.4(b)", summary: "You may not reverse engineer or duplicate the service, or try to extract the underlying models or their behaviour.", restrictedActivities: ["model-development", "benchmark-design"], severity: "high" },
      { key: "anthropic:customer-content", ref: "§B", summary: "Prompts and outputs are our content; Anthropic does not train on them, but we stay responsible for what we send, so confidential code needs a reason and a data-handling plan.", restrictedActivities: ["product-code"], severity: "medium" },
      { key: "anthropic:aup", ref: "Usage Policy", summary: "Automated or high-volume use must stay within the published rate limits and the Usage Policy; no circumventing safeguards.", restrictedActivities: ["other"], severity: "low" },
    ],
  },
  {
    vendor: "openai",
    title: "OpenAI Services Agreement",
    version: "2025-05",
    effectiveDate: "2025-05-31",
    url: "https://openai.com/policies/services-agreement/",
    clauses: [
      { key: "openai:competing", ref: "§2(c)(iii)", summary: "You may not use output from the services to develop AI models that compete with OpenAI.", restrictedActivities: MODEL_WORK, severity: "critical" },
      { key: "openai:reverse", ref: "§2(c)(ii)", summary: "You may not decompile, reverse engineer or otherwise try to discover the models, algorithms or systems behind the services.", restrictedActivities: ["model-development", "benchmark-design"], severity: "high" },
      { key: "openai:extraction", ref: "§2(c)(iv)", summary: "Outside the API you may not extract data or output by automated or programmatic means such as scraping.", restrictedActivities: ["training-data-generation", "other"], severity: "high" },
      { key: "openai:usage", ref: "§2(a)", summary: "Use must follow OpenAI's Usage Policies and documentation, including rate limits; safety mitigations may not be bypassed.", restrictedActivities: ["other"], severity: "low" },
      { key: "openai:customer-content", ref: "§3", summary: "We own our inputs and outputs and must have the rights to send them; OpenAI may keep them for abuse monitoring, so confidential code needs an approved exception.", restrictedActivities: ["product-code"], severity: "medium" },
    ],
  },
  {
    vendor: "google",
    title: "Gemini API Additional Terms of Service",
    version: "2025-05",
    effectiveDate: "2025-05-20",
    url: "https://ai.google.dev/gemini-api/terms",
    clauses: [
      { key: "google:competing", ref: "Use Restrictions ¶3, first sentence", summary: "You may not use the services to develop models that compete with Gemini or Google AI Studio.", restrictedActivities: MODEL_WORK, severity: "critical" },
      { key: "google:extraction", ref: "Use Restrictions ¶3, second sentence", summary: "You may not reverse engineer, extract or replicate any part of the services, including their training data or model weights.", restrictedActivities: ["model-development", "benchmark-design", "training-data-generation"], severity: "high" },
      { key: "google:rate", ref: "Use Restrictions ¶1", summary: "Google may enforce rate limits; preview models are not for production use.", restrictedActivities: ["other"], severity: "low" },
      { key: "google:data-use", ref: "Data Use", summary: "On unpaid tiers Google may use prompts and responses to improve its products, so only paid access may see company code.", restrictedActivities: ["product-code"], severity: "high" },
    ],
  },
  {
    vendor: "github",
    title: "GitHub Copilot Product Specific Terms",
    version: "2024-10",
    effectiveDate: "2024-10-24",
    url: "https://github.com/customer-terms/github-copilot-product-specific-terms",
    clauses: [
      { key: "github:competing", ref: "§5 (AI Code of Conduct)", summary: "Copilot's acceptable-use rules forbid using the service or its suggestions to create or improve a competing AI product or model.", restrictedActivities: MODEL_WORK, severity: "critical" },
      { key: "github:acceptable-use", ref: "§5", summary: "Prompts and suggestions must follow GitHub's Acceptable Use Policies: nothing unlawful, nothing that infringes others' rights.", restrictedActivities: ["other"], severity: "medium" },
      { key: "github:responsibility", ref: "§3", summary: "We are responsible for any suggestion we put into our code, including licence and security review before it ships.", restrictedActivities: ["product-code"], severity: "medium" },
      { key: "github:automation", ref: "Acceptable Use Policies §4", summary: "No excessive automated bulk activity or scraping through GitHub services.", restrictedActivities: ["training-data-generation"], severity: "high" },
    ],
  },
  {
    vendor: "example-corp",
    title: "MetaCode Acceptable Use Standard",
    version: "1.0",
    effectiveDate: "2025-01-06",
    url: "https://intranet.example.com/policies/metacode-acceptable-use",
    clauses: [
      { key: "example:provenance", ref: "§4.2", summary: "Anything generated with MetaCode that enters a training pipeline must be registered as a contribution with its provenance.", restrictedActivities: ["training-data-generation"], severity: "medium" },
    ],
  },
];

export const ACTIVITIES: ActivitySeed[] = [
  { slug: "workflow-config", name: "Workflow configuration", description: "CI pipelines, editor and tool settings, build and deploy configuration.", disposition: "allowed" },
  { slug: "code-organization", name: "Code and docs organization", description: "Renames, moves, formatting, dependency upgrades and other mechanical refactors.", disposition: "allowed" },
  { slug: "documentation", name: "Documentation", description: "READMEs, design docs, runbooks and code comments.", disposition: "allowed" },
  { slug: "test-infrastructure", name: "Test infrastructure", description: "Test harnesses, fixtures and tooling for internal tools.", disposition: "allowed" },
  { slug: "product-code", name: "Product code", description: "Code that ships in the company's products or services.", disposition: "exception_required" },
  { slug: "other", name: "Other", description: "Anything not covered by another category.", disposition: "exception_required" },
  { slug: "training-data-generation", name: "Training-data generation", description: "Producing examples, labels or synthetic data meant to train or fine-tune models.", disposition: "prohibited_external" },
  { slug: "benchmark-design", name: "Coding challenges and benchmark design", description: "Writing coding challenges, evaluation sets or benchmarks used to measure models.", disposition: "prohibited_external" },
  { slug: "model-development", name: "Model development", description: "Model architectures, training code, distillation and evaluation of the company's own models.", disposition: "prohibited_external" },
];

export const PROJECTS: ProjectSeed[] = [
  { key: "infra-ci", name: "Infrastructure CI", sensitivity: "general", description: "Shared build, test and deploy pipelines." },
  { key: "internal-docs", name: "Internal documentation", sensitivity: "general", description: "Engineering handbook, runbooks and design docs." },
  { key: "ads-ranking", name: "Ads ranking", sensitivity: "confidential", description: "Ranking and bidding services for the ads marketplace." },
  { key: "payments-core", name: "Payments core", sensitivity: "confidential", description: "Ledger, payouts and card processing." },
  { key: "llm-pretraining-data", name: "LLM pre-training data", sensitivity: "training_data", description: "Curated corpora that feed pre-training of the in-house model." },
  { key: "coding-challenges", name: "Coding challenges", sensitivity: "training_data", description: "Hand-written coding challenges used to train and evaluate MetaCode." },
];
