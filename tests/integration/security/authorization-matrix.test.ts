import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Only the session cookie is replaced: roles and status are read from the real test database.
const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));
// Outside a Next request there is no cache to revalidate; the actions' own outcome is what is checked.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { invalidateApiKeyCache } from "@/lib/api-keys/authenticate-api-key";
import { API_KEY_SCOPES, KEY_SCOPES } from "@/lib/api-keys/key-hash";
import { createPersonalToken } from "@/lib/api-keys/personal-tokens";
import {
  ACCESS_MATRIX,
  ACTORS,
  routeFilesOnDisk,
  type Actor,
  type ActionsEntry,
  MACHINE_ROUTES,
  type MachineRouteEntry,
  type PageEntry,
  type PublicRouteEntry,
  type SessionRouteEntry,
} from "../../security/access-matrix";
import { machineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";

const root = path.resolve(import.meta.dirname, "../../..");
const files = routeFilesOnDisk(root);
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

useTestDb();
const actorIds = new Map<Actor, string | null>([["anonymous", null]]);
beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // what next.config's experimental.authInterrupts sets
  await createGatewayFixture();
  const make = async (actor: Actor, roles: Role[], active = true) => {
    const u = await prisma.user.create({ data: { email: `authz-${actor}@matrix.test`, employeeId: `AZ-${actor}`, name: `Matrix ${actor}`, roles, active } });
    actorIds.set(actor, u.id);
  };
  for (const role of ["engineer", "manager", "legal", "admin"] as const) await make(role, [role]);
  await make("deactivated", ["engineer", "manager", "legal", "admin"], false);
});

const load = (file: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ path.join(root, file));

/** What the person would see: the page/state, the 403 page, the sign-in page, the 404 page, or a redirect elsewhere. */
async function outcomeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (e) {
    const digest = String((e as { digest?: unknown }).digest ?? "");
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "forbidden";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "not-found";
    const redirect = /^NEXT_REDIRECT;[a-z]+;([^;]*);/.exec(digest);
    if (redirect) return redirect[1].startsWith("/signin") ? "signin" : `redirect:${redirect[1].split("?")[0]}`;
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const signedOut = (actor: Actor) => actor === "anonymous" || actor === "deactivated";
const as = (actor: Actor) => {
  session.personId = actorIds.get(actor) ?? null;
};

function expectedForPage(entry: PageEntry, actor: Actor): string {
  if (entry.allow.includes(actor)) {
    if (entry.signedInRedirect && !signedOut(actor)) return `redirect:${entry.signedInRedirect}`;
    return entry.params || entry.searchParams ? "not-found" : "ok";
  }
  return signedOut(actor) ? "signin" : "forbidden";
}

async function checkPage(file: string, entry: PageEntry) {
  const mod = await load(file);
  const Page = mod.default as (props: unknown) => Promise<unknown>;
  const seen: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const actor of ACTORS) {
    as(actor);
    seen[actor] = await outcomeOf(() => Page({ params: Promise.resolve(entry.params ?? {}), searchParams: Promise.resolve(entry.searchParams ?? {}) }));
    want[actor] = expectedForPage(entry, actor);
  }
  expect(seen).toEqual(want);
}

async function checkActions(file: string, entry: ActionsEntry) {
  const mod = await load(file);
  const exported = Object.keys(mod).filter((k) => typeof mod[k] === "function");
  expect(exported.sort(), `${file} exports actions the matrix does not list (or lists actions it no longer has)`).toEqual(Object.keys(entry.actions).sort());
  for (const [name, allow] of Object.entries(entry.actions)) {
    const action = mod[name] as (prev: object, form: FormData) => Promise<{ ok?: boolean; message?: string }>;
    const seen: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const actor of ACTORS) {
      as(actor);
      let state: { message?: string } | undefined;
      const outcome = await outcomeOf(async () => {
        state = await action({}, new FormData());
      });
      seen[actor] = outcome === "ok" && /do not have the role/i.test(state?.message ?? "") ? "forbidden" : outcome;
      want[actor] = allow.includes(actor) ? "ok" : signedOut(actor) ? "signin" : "forbidden";
    }
    expect(seen, `${file} ${name}`).toEqual(want);
  }
}

async function checkSessionRoute(file: string, entry: SessionRouteEntry) {
  const mod = await load(file);
  expect(HTTP_METHODS.filter((m) => m in mod).sort()).toEqual([...new Set(entry.cases.map((c) => c.method))].sort());
  for (const c of entry.cases) {
    const handler = mod[c.method] as (req: Request, ctx: unknown) => Promise<Response>;
    const seen: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const actor of ACTORS) {
      as(actor);
      const res = await handler(new NextRequest("http://localhost/x", { method: c.method }), { params: Promise.resolve(c.params ?? {}) });
      await res.body?.cancel();
      seen[actor] = res.status === 401 ? "signin" : res.status === 403 ? "forbidden" : res.status < 500 ? "ok" : `error ${res.status}`;
      want[actor] = c.allow.includes(actor) ? "ok" : signedOut(actor) ? "signin" : "forbidden";
    }
    expect(seen, `${file} ${c.method} ${JSON.stringify(c.params ?? {})}`).toEqual(want);
  }
}

/** A machine route through the real Fastify app: every wrong credential is 401/403 before any work, the right one passes. */
async function checkMachineRoute(route: string, entry: MachineRouteEntry) {
  const [method, url] = route.split(" ");
  const app = await machineApi();
  const call = async (headers: Record<string, string>) => {
    const res = await app.inject({ method: method as "GET", url, headers: { "content-type": "application/json", ...headers }, ...(method === "GET" ? {} : { payload: "{}" }) });
    const body = res.statusCode === 204 ? {} : (res.json() as { error?: { code: string }; schemas?: string[] });
    // SCIM answers errors with RFC 7644 bodies: their status stands for the code.
    const code = body.error?.code ?? (body.schemas?.includes("urn:ietf:params:scim:api:messages:2.0:Error") ? { 401: "unauthorized", 403: "forbidden" }[res.statusCode] : undefined);
    return { status: res.statusCode, code };
  };
  if (entry.auth === "public") {
    const res = await call({});
    expect(res.status, `${route} anonymously`).toBe(200);
    return;
  }
  if (entry.auth === "metrics_token") {
    const anyKey = await createApiKey([...API_KEY_SCOPES]);
    const saved = env.METRICS_TOKEN;
    try {
      env.METRICS_TOKEN = undefined;
      expect(await call({}), `${route} without METRICS_TOKEN set`).toEqual({ status: 404, code: "not_found" });
      expect(await call({ authorization: `Bearer ${anyKey.key}` }), `${route} off, with an API key`).toEqual({ status: 404, code: "not_found" });
      env.METRICS_TOKEN = "matrix-metrics-token-0123456789";
      expect(await call({}), `${route} without a token`).toEqual({ status: 401, code: "unauthorized" });
      expect(await call({ authorization: `Bearer ${anyKey.key}` }), `${route} with an API key`).toEqual({ status: 401, code: "unauthorized" });
      expect(await call({ cookie: "next-auth.session-token=eyJhbGciOiJkaXIifQ.x.y" }), `${route} with a session cookie`).toEqual({ status: 401, code: "unauthorized" });
      const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
      expect(res.statusCode, `${route} with the metrics token`).toBe(200);
    } finally {
      env.METRICS_TOKEN = saved;
    }
    return;
  }
  const scope = entry.auth === "scim_token" ? "scim" : entry.scope;
  const holder = await createApiKey([scope]);
  const others = await createApiKey(KEY_SCOPES.filter((s) => s !== scope && s !== "scim"));
  const revoked = await createApiKey([...API_KEY_SCOPES]);
  await prisma.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  invalidateApiKeyCache();

  // A portal session cookie is no API credential.
  expect(await call({ cookie: "next-auth.session-token=eyJhbGciOiJkaXIifQ.x.y" }), `${route} without a key`).toEqual({ status: 401, code: "unauthorized" });
  expect(await call({ authorization: "Bearer grk_not_a_real_key" }), "unknown key").toEqual({ status: 401, code: "unauthorized" });
  expect(await call({ authorization: `Basic ${holder.key}` }), "not a Bearer key").toEqual({ status: 401, code: "unauthorized" });
  expect(await call({ authorization: `Bearer ${revoked.key}` }), "revoked key").toEqual({ status: 401, code: "unauthorized" });
  expect(await call({ authorization: `Bearer ${others.key}` }), `a key without "${scope}"`).toEqual({ status: 403, code: "forbidden" });
  const allowed = await call({ authorization: `Bearer ${holder.key}` });
  expect([401, 403], `${route} with the "${scope}" key`).not.toContain(allowed.status);
  expect(allowed.status).toBeLessThan(500);

  // A personal token (decide + ingest, speaks only for its owner) passes only where the matrix says so.
  const owner = await prisma.user.findFirstOrThrow({ where: { active: true } });
  const personal = await createPersonalToken(owner, { name: `matrix ${route}` });
  const asPerson = await call({ authorization: `Bearer ${personal.key}` });
  // A person holds at most 20 active tokens; the matrix has more routes than that.
  await prisma.apiKey.update({ where: { id: personal.id }, data: { revokedAt: new Date() } });
  invalidateApiKeyCache();
  if (entry.auth === "api_key_or_personal_token") {
    expect([401, 403], `${route} with a personal token`).not.toContain(asPerson.status);
    expect(asPerson.status).toBeLessThan(500);
  } else expect(asPerson, `${route} with a personal token`).toEqual({ status: 403, code: "forbidden" });
}

async function checkPublicRoute(file: string, entry: PublicRouteEntry) {
  const mod = await load(file);
  expect(HTTP_METHODS.filter((m) => m in mod).sort()).toEqual([...entry.methods].sort());
  if (!entry.callable) return;
  for (const method of entry.methods) {
    session.personId = null;
    const res = await (mod[method] as (req: Request) => Promise<Response>)(new Request("http://localhost/x", { method }));
    expect(res.status, `${file} ${method} anonymously`).toBe(200);
  }
}

describe("authorization matrix", () => {
  it("every page, server-action file and route handler on disk has an entry, and every entry a file", () => {
    expect(files.length).toBeGreaterThan(20);
    const missing = files.filter((f) => !(f in ACCESS_MATRIX));
    const stale = Object.keys(ACCESS_MATRIX).filter((f) => !files.includes(f));
    expect({ missing, stale }, "add new routes to tests/security/access-matrix.ts").toEqual({ missing: [], stale: [] });
  });

  it("every file's kind matches its entry", () => {
    for (const f of files.filter((f) => f in ACCESS_MATRIX)) {
      const kind = ACCESS_MATRIX[f].kind;
      if (f.endsWith("page.tsx")) expect(kind, f).toBe("page");
      else if (f.endsWith("actions.ts")) expect(kind, f).toBe("actions");
      else expect(["session-route", "public-route"], f).toContain(kind);
    }
  });

  const listed = files.filter((f) => f in ACCESS_MATRIX);
  it.each(listed)("%s answers each actor exactly as the matrix says", async (file) => {
    const entry = ACCESS_MATRIX[file];
    if (entry.kind === "page") await checkPage(file, entry);
    else if (entry.kind === "actions") await checkActions(file, entry);
    else if (entry.kind === "session-route") await checkSessionRoute(file, entry);
    else await checkPublicRoute(file, entry);
  });
});

describe("authorization matrix of the machine interface (Fastify)", () => {
  it("every route registered on the Fastify app has an entry, and every entry a route", async () => {
    const registered = (await machineApi()).machineRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered.length).toBeGreaterThanOrEqual(7);
    expect(registered, "add new machine routes to MACHINE_ROUTES in tests/security/access-matrix.ts").toEqual(Object.keys(MACHINE_ROUTES).sort());
  });

  it("every route documents (x-scope) the scope its entry says", async () => {
    for (const r of (await machineApi()).machineRoutes) {
      const entry = MACHINE_ROUTES[`${r.method} ${r.url}`];
      const scope = entry?.auth === "scim_token" ? "scim" : entry?.auth === "metrics_token" ? "metrics" : entry && entry.auth !== "public" ? entry.scope : null;
      expect(r.scope, `${r.method} ${r.url}`).toBe(scope);
    }
  });

  it.each(Object.entries(MACHINE_ROUTES))("%s answers each credential exactly as the matrix says", async (route, entry) => {
    await checkMachineRoute(route, entry);
  });
});
