// Who may reach what: one entry for every page, server-action file and route handler under app/, and one for
// every route of the machine interface (lib/machine-api, Fastify) in MACHINE_ROUTES below.
// tests/integration/security/authorization-matrix.test.ts finds those files on disk and fails on any file
// without an entry here (so a new route cannot ship unreviewed), then calls each one as every actor and
// checks the outcome against this table. e2e/authz-matrix.spec.ts visits the pages in a browser the same way.
//
// Actors are single-role people (plus nobody signed in, and a deactivated person). A person with several
// roles reaches whatever any of their roles reaches.

import { readdirSync } from "node:fs";

export const ACTORS = ["anonymous", "engineer", "manager", "legal", "admin", "deactivated"] as const;
export type Actor = (typeof ACTORS)[number];
export type RoleActor = Exclude<Actor, "anonymous" | "deactivated">;
export type ApiScope = "ingest" | "decide" | "read";

/** An id nothing in the database has: pages with an [id] must answer 404 to allowed people, 403 to the rest. */
export const MISSING_ID = "00000000-0000-4000-8000-00000000dead";

export type PageEntry = {
  kind: "page";
  /** who sees the page; everyone else gets 403 (signed in) or the sign-in page (anonymous, deactivated) */
  allow: readonly Actor[];
  /** values for the dynamic segments, e.g. { id: MISSING_ID }; an allowed person then gets the 404 page */
  params?: Record<string, string>;
  /** a query naming something that does not exist; an allowed person then gets the 404 page */
  searchParams?: Record<string, string>;
  /** a public page that sends signed-in people elsewhere (sign-in) */
  signedInRedirect?: string;
};
/** A "use server" file: every exported action and who may run it. */
export type ActionsEntry = { kind: "actions"; actions: Record<string, readonly Actor[]> };
/** A route handler authorised by the portal session: per method (and per dynamic value), who gets past 401/403. */
export type SessionRouteEntry = { kind: "session-route"; cases: readonly { method: HttpMethod; allow: readonly Actor[]; params?: Record<string, string> }[] };
/** No authorization by design; `why` says why that is safe. */
export type PublicRouteEntry = { kind: "public-route"; methods: readonly HttpMethod[]; why: string; callable: boolean };

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type MatrixEntry = PageEntry | ActionsEntry | SessionRouteEntry | PublicRouteEntry;

const signedIn: readonly Actor[] = ["engineer", "manager", "legal", "admin"];
const admin: readonly Actor[] = ["admin"];
const legal: readonly Actor[] = ["legal"];
const legalAdmin: readonly Actor[] = ["legal", "admin"];
const managerLegal: readonly Actor[] = ["manager", "legal"];
const managerLegalAdmin: readonly Actor[] = ["manager", "legal", "admin"];
const managerAdmin: readonly Actor[] = ["manager", "admin"];
const contributors: readonly Actor[] = ["engineer", "legal", "admin"];
const everyone: readonly Actor[] = ACTORS;

const page = (allow: readonly Actor[], params?: Record<string, string>): PageEntry => ({ kind: "page", allow, params });

export const ACCESS_MATRIX: Record<string, MatrixEntry> = {
  // Public
  "app/signin/page.tsx": { kind: "page", allow: everyone, signedInRedirect: "/" },
  "app/signin/denied/page.tsx": page(everyone),
  "app/api/auth/[...nextauth]/route.ts": {
    kind: "public-route",
    methods: ["GET", "POST"],
    why: "next-auth's own endpoints (providers, csrf, callback, sign-in, sign-out); CSRF-protected by next-auth",
    callable: false,
  },
  "app/api/health/route.ts": { kind: "public-route", methods: ["GET"], why: "load balancer probe; says only ok/degraded and timings", callable: true },

  // Work
  "app/(portal)/page.tsx": page(signedIn),
  "app/(portal)/allowed/page.tsx": page(signedIn),
  "app/(portal)/requests/page.tsx": page(signedIn),
  "app/(portal)/requests/new/page.tsx": page(signedIn),
  "app/(portal)/requests/[id]/page.tsx": page(signedIn, { id: MISSING_ID }),
  "app/(portal)/requests/actions.ts": {
    kind: "actions",
    actions: { submitRequestAction: signedIn, withdrawRequestAction: signedIn, addCommentAction: signedIn },
  },
  "app/(portal)/contributions/page.tsx": page(contributors),
  "app/(portal)/contributions/[id]/page.tsx": page(contributors, { id: MISSING_ID }),
  "app/(portal)/contributions/actions.ts": { kind: "actions", actions: { registerContributionAction: contributors } },
  "app/(portal)/usage/page.tsx": page(signedIn),
  "app/(portal)/usage/actions.ts": { kind: "actions", actions: { requestCapIncreaseAction: signedIn } },
  "app/(portal)/inbox/page.tsx": page(signedIn),
  "app/(portal)/inbox/actions.ts": { kind: "actions", actions: { markReadAction: signedIn } },
  "app/(portal)/connect/page.tsx": page(signedIn),
  "app/(portal)/connect/actions.ts": { kind: "actions", actions: { createPersonalTokenAction: signedIn, revokePersonalTokenAction: signedIn } },

  // Review
  "app/(portal)/approvals/page.tsx": page(managerLegal),
  "app/(portal)/approvals/actions.ts": { kind: "actions", actions: { approveRequestAction: managerLegal, rejectRequestAction: managerLegal } },
  "app/(portal)/grants/page.tsx": page(managerLegalAdmin),
  "app/(portal)/grants/actions.ts": { kind: "actions", actions: { revokeGrantAction: managerLegalAdmin } },
  "app/(portal)/grants/export/route.ts": { kind: "session-route", cases: [{ method: "GET", allow: managerLegalAdmin }] },
  "app/(portal)/review/page.tsx": page(legal),
  "app/(portal)/review/[id]/page.tsx": page(legal, { id: MISSING_ID }),
  "app/(portal)/review/report/page.tsx": page(legalAdmin),
  "app/(portal)/review/actions.ts": {
    kind: "actions",
    actions: { recordOutcomeAction: legal, assignItemAction: legal, bulkReviewAction: legal },
  },
  "app/(portal)/clauses/page.tsx": page(signedIn),
  "app/(portal)/clauses/new/page.tsx": { kind: "page", allow: legal, searchParams: { vendor: MISSING_ID } },
  "app/(portal)/clauses/[id]/page.tsx": page(signedIn, { id: MISSING_ID }),
  "app/(portal)/clauses/terms/[id]/page.tsx": page(signedIn, { id: MISSING_ID }),
  "app/(portal)/clauses/actions.ts": { kind: "actions", actions: { publishTermsAction: legal } },
  "app/api/evidence/events/route.ts": { kind: "session-route", cases: [{ method: "GET", allow: legalAdmin }] },

  // Reports
  "app/(portal)/reports/org/page.tsx": page(managerLegalAdmin),
  // Reconciliation is company-wide (vendor accounts belong to no one org): legal and admin; only admins set the threshold.
  "app/(portal)/reports/reconciliation/page.tsx": page(legalAdmin),
  "app/(portal)/reports/reconciliation/actions.ts": { kind: "actions", actions: { saveGapThresholdAction: admin } },
  "app/(portal)/reports/legal/page.tsx": page(legalAdmin),
  // Each report's CSVs follow its page.
  "app/api/reports/[report]/[table]/route.ts": {
    kind: "session-route",
    cases: [
      { method: "GET", allow: managerLegalAdmin, params: { report: "org", table: "tokens-by-tool" } },
      { method: "GET", allow: legalAdmin, params: { report: "legal", table: "queue-ageing" } },
      { method: "GET", allow: signedIn, params: { report: "usage", table: "by-tool" } },
    ],
  },

  // Admin
  "app/(portal)/admin/catalog/page.tsx": page(admin),
  "app/(portal)/admin/catalog/actions.ts": {
    kind: "actions",
    actions: {
      updateToolAction: admin,
      updateActivityAction: admin,
      createProjectAction: admin,
      updateProjectAction: admin,
      createVendorAction: admin,
      createToolAction: admin,
      createActivityAction: admin,
      archiveCatalogItemAction: admin,
    },
  },
  "app/(portal)/admin/policy/page.tsx": page(admin),
  "app/(portal)/admin/policy/versions/[version]/page.tsx": page(admin, { version: "999999" }),
  "app/(portal)/admin/policy/actions.ts": { kind: "actions", actions: { savePolicyAction: admin } },
  "app/(portal)/admin/caps/page.tsx": page(admin),
  "app/(portal)/admin/caps/actions.ts": { kind: "actions", actions: { setCapAction: admin, removeCapAction: admin } },
  "app/(portal)/admin/api-keys/page.tsx": page(admin),
  "app/(portal)/admin/api-keys/actions.ts": { kind: "actions", actions: { createApiKeyAction: admin, revokeApiKeyAction: admin } },
  "app/(portal)/admin/provisioning/page.tsx": page(admin),
  "app/(portal)/admin/provisioning/actions.ts": { kind: "actions", actions: { createGroupMappingAction: admin, removeGroupMappingAction: admin } },
  "app/(portal)/admin/audit/page.tsx": page(legalAdmin),
  "app/(portal)/admin/audit/actions.ts": { kind: "actions", actions: { verifyChainAction: legalAdmin, publishCheckpointAction: admin } },
  "app/(portal)/admin/notifications/page.tsx": page(admin),
  "app/(portal)/admin/notifications/webhooks/[id]/page.tsx": page(admin, { id: MISSING_ID }),
  "app/(portal)/admin/notifications/actions.ts": {
    kind: "actions",
    actions: { saveOpsSettingsAction: admin, createWebhookAction: admin, disableWebhookAction: admin, redeliverWebhookAction: admin },
  },
  "app/(portal)/api-docs/page.tsx": page(admin),
  // People: managers read their own org; only admins change anything.
  "app/(portal)/people/page.tsx": page(managerAdmin),
  "app/(portal)/people/[id]/page.tsx": page(managerAdmin, { id: MISSING_ID }),
  "app/(portal)/people/import/page.tsx": page(admin),
  "app/(portal)/people/teams/page.tsx": page(admin),
  "app/(portal)/people/actions.ts": {
    kind: "actions",
    actions: {
      setRolesAction: admin,
      placePersonAction: admin,
      setActiveAction: admin,
      importPeopleAction: admin,
      createTeamAction: admin,
      updateTeamAction: admin,
    },
  },
  "app/(portal)/admin/repositories/page.tsx": page(admin),
  "app/(portal)/admin/repositories/actions.ts": {
    kind: "actions",
    actions: { addRepositoryMappingAction: admin, removeRepositoryMappingAction: admin, setDefaultActivityAction: admin },
  },
  "app/(portal)/admin/unmatched-telemetry/page.tsx": page(admin),
  "app/(portal)/admin/unmatched-telemetry/actions.ts": { kind: "actions", actions: { dismissUnmatchedAction: admin, aliasEmailAction: admin, removeEmailAliasAction: admin } },
  "app/(portal)/admin/vendor-reports/page.tsx": page(admin),
  "app/(portal)/admin/vendor-reports/actions.ts": { kind: "actions", actions: { uploadVendorReportAction: admin, mapVendorAccountAction: admin } },
};

/**
 * A route of the machine interface, keyed "METHOD /path" as Fastify registered it: the credential it takes and
 * the scope that credential needs (a portal session never counts), or public with the reason that is safe.
 * tests/integration/security/authorization-matrix.test.ts lists the routes registered on the Fastify app and
 * fails on any without an entry here. Later credential kinds (personal tokens, SCIM tokens) add their own `auth`.
 */
export type MachineRouteEntry =
  | { auth: "api_key"; scope: ApiScope }
  /** a gateway key with the scope, or a person's own token (which speaks only for its owner) */
  | { auth: "api_key_or_personal_token"; scope: "decide" | "ingest" }
  | { auth: "scim_token" }
  /** the operator's METRICS_TOKEN (lib/env.ts) as a Bearer token; unset: the route answers 404 to everyone */
  | { auth: "metrics_token" }
  | { auth: "public"; why: string };

const scim = { auth: "scim_token" } as const;

export const MACHINE_ROUTES: Record<string, MachineRouteEntry> = {
  "POST /api/v1/decisions": { auth: "api_key_or_personal_token", scope: "decide" },
  "POST /api/v1/usage-events": { auth: "api_key_or_personal_token", scope: "ingest" },
  "POST /api/v1/vendor-reports": { auth: "api_key", scope: "ingest" },
  "POST /api/v1/hooks/claude-code": { auth: "api_key_or_personal_token", scope: "decide" },
  "POST /otlp/v1/logs": { auth: "api_key_or_personal_token", scope: "ingest" },
  "GET /api/v1/usage/summary": { auth: "api_key", scope: "read" },
  "GET /api/v1/audit": { auth: "api_key", scope: "read" },
  "GET /api/v1/audit/verify": { auth: "api_key", scope: "read" },
  "GET /api/v1/openapi.json": { auth: "public", why: "the published API contract; no data" },
  "GET /scim/v2/ServiceProviderConfig": scim,
  "GET /scim/v2/ResourceTypes": scim,
  "GET /scim/v2/ResourceTypes/:id": scim,
  "GET /scim/v2/Schemas": scim,
  "GET /scim/v2/Schemas/:id": scim,
  "GET /scim/v2/Users": scim,
  "POST /scim/v2/Users": scim,
  "GET /scim/v2/Users/:id": scim,
  "PUT /scim/v2/Users/:id": scim,
  "PATCH /scim/v2/Users/:id": scim,
  "DELETE /scim/v2/Users/:id": scim,
  "GET /scim/v2/Groups": scim,
  "POST /scim/v2/Groups": scim,
  "GET /scim/v2/Groups/:id": scim,
  "PUT /scim/v2/Groups/:id": scim,
  "PATCH /scim/v2/Groups/:id": scim,
  "DELETE /scim/v2/Groups/:id": scim,
  "GET /metrics": { auth: "metrics_token" },
  "GET /api/health": { auth: "public", why: "machine-only mode's load balancer probe; says only ok/unavailable and timings" },
};

/** "app/(portal)/requests/[id]/page.tsx" + { id } → "/requests/<id>" (route groups dropped). */
export function urlOfPage(file: string, params: Record<string, string> = {}, searchParams: Record<string, string> = {}): string {
  const segments = file
    .replace(/^app\//, "")
    .replace(/(^|\/)page\.tsx$/, "")
    .replace(/(^|\/)route\.ts$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[(?:\.\.\.)?(.+)\]$/.exec(s);
      if (!m) return s;
      const value = params[m[1]];
      if (value === undefined) throw new Error(`${file}: the matrix gives no value for [${m[1]}]`);
      return encodeURIComponent(value);
    });
  const query = new URLSearchParams(searchParams).toString();
  return `/${segments.join("/")}${query ? `?${query}` : ""}`;
}

/** Every page.tsx, actions.ts and route.ts under app/, as paths relative to the repository ("app/..."). */
export function routeFilesOnDisk(root: string): string[] {
  const names = readdirSync(`${root}/app`, { recursive: true, encoding: "utf8" });
  return names
    .map((n) => `app/${n.split("\\").join("/")}`)
    .filter((p) => /(^|\/)(page\.tsx|actions\.ts|route\.ts)$/.test(p))
    .sort();
}
