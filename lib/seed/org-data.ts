// The demo org: about 200 people in a team tree, generated deterministically (same names and ids every run).
import type { Role } from "../generated/prisma/enums";
import { createRandom } from "./random";

export type TeamSeed = { slug: string; name: string; parent: string | null; size: number; titles: string[]; managerTitle: string; projects: string[] };
export type PersonSeed = {
  email: string;
  employeeId: string;
  name: string;
  title: string;
  team: string;
  /** email of the person's manager */
  manager: string | null;
  roles: Role[];
  active: boolean;
  /** days before the seed's anchor on which the person left */
  deactivatedDaysAgo: number | null;
  /** usage traits for the generator */
  level: number;
  projects: string[];
};

const ENG = ["Software Engineer", "Senior Software Engineer", "Staff Software Engineer"];

export const TEAMS: TeamSeed[] = [
  { slug: "engineering", name: "Engineering", parent: null, size: 6, titles: ["Principal Engineer", "Technical Program Manager"], managerTitle: "VP of Engineering", projects: ["infra-ci", "internal-docs"] },
  { slug: "platform", name: "Platform", parent: "engineering", size: 27, titles: [...ENG, "Site Reliability Engineer"], managerTitle: "Engineering Manager, Platform", projects: ["infra-ci", "internal-docs"] },
  { slug: "ads", name: "Ads", parent: "engineering", size: 33, titles: [...ENG, "Data Scientist"], managerTitle: "Engineering Manager, Ads", projects: ["ads-ranking", "infra-ci", "internal-docs"] },
  { slug: "payments", name: "Payments", parent: "engineering", size: 27, titles: ENG, managerTitle: "Engineering Manager, Payments", projects: ["payments-core", "infra-ci", "internal-docs"] },
  { slug: "ml-research", name: "ML Research", parent: "engineering", size: 17, titles: ["Research Scientist", "Senior Research Scientist", "ML Engineer"], managerTitle: "Director of ML Research", projects: ["coding-challenges", "infra-ci", "internal-docs"] },
  { slug: "ml-data", name: "ML Data", parent: "ml-research", size: 13, titles: ["Data Engineer", "ML Engineer", "Data Annotator Lead"], managerTitle: "Engineering Manager, ML Data", projects: ["llm-pretraining-data", "coding-challenges", "internal-docs"] },
  { slug: "dev-productivity", name: "Dev Productivity", parent: "engineering", size: 21, titles: [...ENG, "Build Engineer"], managerTitle: "Engineering Manager, Dev Productivity", projects: ["infra-ci", "internal-docs"] },
  { slug: "mobile", name: "Mobile", parent: "engineering", size: 21, titles: ["iOS Engineer", "Android Engineer", "Senior Software Engineer"], managerTitle: "Engineering Manager, Mobile", projects: ["infra-ci", "internal-docs", "payments-core"] },
  { slug: "security", name: "Security", parent: "engineering", size: 11, titles: ["Security Engineer", "Senior Security Engineer"], managerTitle: "Head of Security Engineering", projects: ["infra-ci", "internal-docs"] },
  { slug: "legal", name: "Legal", parent: null, size: 8, titles: ["Counsel", "Senior Counsel", "Privacy Counsel", "Paralegal"], managerTitle: "General Counsel", projects: ["internal-docs"] },
  { slug: "compliance", name: "Compliance", parent: null, size: 5, titles: ["Compliance Analyst", "Compliance Engineer"], managerTitle: "Head of Compliance", projects: ["internal-docs"] },
];

/** Fixed people: the demo accounts and the people the demo story is about. */
const FIXED: Record<string, { email: string; name: string; title: string; roles?: Role[]; manages?: boolean }[]> = {
  platform: [
    { email: "manager@example.com", name: "Morgan Reyes", title: "Engineering Manager, Platform", manages: true },
    { email: "engineer@example.com", name: "Alex Kim", title: "Senior Software Engineer" },
  ],
  legal: [{ email: "legal@example.com", name: "Jordan Blake", title: "Product Counsel" }],
  compliance: [{ email: "admin@example.com", name: "Sam Ortiz", title: "Compliance Engineer", roles: ["engineer", "admin"] }],
};

const FIRST = [
  "Aisha", "Ben", "Carlos", "Dana", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Keiko", "Liam", "Maria", "Noah", "Olga", "Pavel",
  "Quinn", "Rosa", "Sanjay", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Chloe", "Diego", "Emeka", "Fatima",
  "Gustavo", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tomas", "Uma", "Viktor", "Yara",
  "Andrei", "Beatriz", "Chen", "Daniel", "Esther", "Felix", "Gabriela", "Hassan", "Isabel", "Jonas", "Kamala", "Lucas", "Mei", "Nikolai",
];
const LAST = [
  "Abebe", "Becker", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau",
  "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Wong", "Xu", "Yilmaz", "Zhang", "Alvarez",
  "Brennan", "Costa", "Das", "Evans", "Ferreira", "Garcia", "Hoffmann", "Iyer", "Johansson", "Kim", "Larsen", "Mendes", "Novak", "O'Brien",
  "Park", "Ramos", "Silva", "Torres", "Ueda", "Vogel", "Walsh", "Yamamoto", "Zielinski",
];

function emailFor(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z ]/g, "").trim().replace(/\s+/g, ".");
  let email = `${base}@example.com`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@example.com`;
  taken.add(email);
  return email;
}

/** Everyone in the demo org, managers first within each team, with employee ids E10001, E10002, ... */
export function buildOrg(): PersonSeed[] {
  const rand = createRandom("guardrail-org-v1");
  const people: PersonSeed[] = [];
  const taken = new Set(Object.values(FIXED).flat().map((p) => p.email));
  const names = new Set(Object.values(FIXED).flat().map((p) => p.name));
  const managerOf = new Map<string, string>();
  const randomName = () => {
    for (;;) {
      const name = `${rand.pick(FIRST)} ${rand.pick(LAST)}`;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  const add = (p: Omit<PersonSeed, "employeeId" | "level" | "active" | "deactivatedDaysAgo">) => {
    // Heavy and light users: a long-tailed activity level around 1.
    const level = p.team === "legal" || p.team === "compliance" ? rand.logNormal(20, 0.6, 3, 60) / 100 : rand.logNormal(100, 0.7, 8, 380) / 100;
    people.push({ ...p, employeeId: `E${10001 + people.length}`, level, active: true, deactivatedDaysAgo: null });
  };

  for (const team of TEAMS) {
    const fixed = FIXED[team.slug] ?? [];
    const parentManager = team.parent ? managerOf.get(team.parent)! : null;
    const fixedManager = fixed.find((f) => f.manages);
    const managerRoles: Role[] = team.slug === "legal" ? ["engineer", "manager", "legal"] : team.slug === "compliance" ? ["engineer", "manager", "admin"] : ["engineer", "manager"];
    const managerName = fixedManager?.name ?? randomName();
    const managerEmail = fixedManager?.email ?? emailFor(managerName, taken);
    add({ email: managerEmail, name: managerName, title: team.managerTitle, team: team.slug, manager: parentManager, roles: managerRoles, projects: team.projects });
    managerOf.set(team.slug, managerEmail);

    const memberRoles: Role[] = team.slug === "legal" ? ["engineer", "legal"] : ["engineer"];
    const members = fixed.filter((f) => !f.manages);
    for (const f of members) add({ email: f.email, name: f.name, title: f.title, team: team.slug, manager: managerEmail, roles: f.roles ?? memberRoles, projects: team.projects });
    for (let i = members.length; i < team.size; i++) {
      const name = randomName();
      add({ email: emailFor(name, taken), name, title: rand.pick(team.titles), team: team.slug, manager: managerEmail, roles: memberRoles, projects: team.projects });
    }
  }

  // Two people who left: their history stays, they can no longer sign in or use tools.
  for (const [team, index, daysAgo] of [["ads", 9, 21], ["mobile", 5, 47]] as const) {
    const person = people.filter((p) => p.team === team)[index];
    person.active = false;
    person.deactivatedDaysAgo = daysAgo;
  }
  return people;
}

/** People the usage story singles out, picked by position so the choice never changes. */
export function storyCast(people: PersonSeed[]) {
  const inTeam = (team: string) => people.filter((p) => p.team === team && p.active && !p.roles.includes("manager"));
  const ads = inTeam("ads");
  const payments = inTeam("payments");
  const platform = inTeam("platform").filter((p) => p.email !== "engineer@example.com");
  const mlData = inTeam("ml-data");
  const mlResearch = inTeam("ml-research");
  const devProd = inTeam("dev-productivity");
  return {
    /** personal cap lowered: over it early every month */
    overCap: [ads[2], payments[4], platform[6], inTeam("mobile")[3]],
    /** personal cap raised for heavy research work */
    raisedCap: [mlResearch[1], mlResearch[4]],
    violators: [
      { person: mlData[1], tool: "claude-code", project: "llm-pretraining-data", activity: "training-data-generation" },
      { person: mlData[4], tool: "codex", project: "llm-pretraining-data", activity: "documentation" },
      { person: mlResearch[2], tool: "gemini-cli", project: "coding-challenges", activity: "benchmark-design" },
      { person: mlResearch[6], tool: "claude-code", project: null, activity: "model-development" },
      { person: devProd[3], tool: "codex", project: "coding-challenges", activity: "benchmark-design" },
      { person: ads[7], tool: "copilot", project: "ads-ranking", activity: "product-code" },
    ],
    ads,
    payments,
  };
}
