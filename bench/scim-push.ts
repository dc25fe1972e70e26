// The initial push of an identity provider: for each of N people (default 10,000) the lookup Okta and Entra ID
// make first (GET /Users?filter=userName eq "…") and then the create (POST /Users with the enterprise extension:
// department and manager), then groups with their members (PATCH add members, 100 per request). Calls the SCIM use
// cases in process (no HTTP), each create in its own transaction with its audit entry, as the service does.
// Run: npx tsx --conditions=react-server bench/scim-push.ts          (a fresh in-memory PGlite)
//      BENCH_PG_SERVER=postgresql://user:pass@host:5432/postgres npx tsx --conditions=react-server bench/scim-push.ts
//      (a new database on that server, dropped afterwards)
// Options: SCIM_USERS (10000), BENCH_CONCURRENCY (8: requests the identity provider keeps in flight).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb } from "@/lib/db/create-client";
import { closeDb, setDbHandle, prisma } from "@/lib/db/client";
import { applyMigrations } from "@/lib/database/migrations";
import { openSqlRunner, pgliteRunner } from "@/lib/database/sql-runner";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/api-keys/key-hash";
import { createScimGroup, patchScimGroup } from "@/lib/scim/groups/scim-groups";
import { parseListParams } from "@/lib/scim/list-params";
import { ENTERPRISE_USER_SCHEMA } from "@/lib/scim/scim-schemas";
import { createScimUser } from "@/lib/scim/users/create-scim-user";
import { listScimUsers } from "@/lib/scim/users/read-scim-users";

const BASE_URL = "https://guardrail.example.com/scim/v2";
const total = Number(process.env.SCIM_USERS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

let dropDatabase: (() => Promise<void>) | null = null;

async function openDatabase(): Promise<string> {
  const server = process.env.BENCH_PG_SERVER;
  if (!server) {
    const handle = createDb("pglite:memory");
    await applyMigrations(pgliteRunner(handle.pglite!));
    setDbHandle(handle);
    return "PGlite (in memory)";
  }
  const name = `guardrail_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const drop = new pg.Client({ connectionString: server });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name}`);
    await drop.end();
  };
  const url = new URL(server);
  url.pathname = `/${name}`;
  const runner = await openSqlRunner(url.toString());
  await applyMigrations(runner);
  await runner.close();
  setDbHandle(createDb(url.toString()));
  return "PostgreSQL 15";
}

async function inParallel(count: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await work(next++);
  }));
}

async function main() {
  const database = await openDatabase();
  const run = Date.now().toString(36);
  const key = generateApiKey();
  const token = await prisma.apiKey.create({ data: { name: `bench ${run}`, prefix: apiKeyPrefix(key), hash: hashApiKey(key), scopes: ["scim"] } });
  const actor = { type: "api_key" as const, id: token.id };
  const ids: string[] = new Array(total);
  const userName = (i: number) => `person${i}.${run}@example.com`;

  // Managers first (every 10th person manages the next nine), as identity providers resolve references.
  const order = [...Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 === 0), ...Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 !== 0)];
  const t0 = performance.now();
  await inParallel(total, async (k) => {
    const i = order[k];
    const found = await listScimUsers(parseListParams({ filter: `userName eq "${userName(i)}"`, startIndex: "1", count: "100" }), BASE_URL);
    if (found.totalResults) throw new Error(`${userName(i)} exists already`);
    const managerIndex = i - (i % 10);
    const created = await createScimUser(actor, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE_USER_SCHEMA],
      userName: userName(i),
      externalId: `ext-${run}-${i}`,
      active: true,
      name: { givenName: `Given${i}`, familyName: `Family${i}` },
      emails: [{ primary: true, type: "work", value: userName(i) }],
      [ENTERPRISE_USER_SCHEMA]: { department: `Department ${i % 50}`, ...(i % 10 ? { manager: { value: ids[managerIndex] } } : {}) },
    }, BASE_URL);
    ids[i] = created.id;
  });
  const userSeconds = (performance.now() - t0) / 1000;

  const groups = 20;
  const t1 = performance.now();
  for (let g = 0; g < groups; g++) {
    const group = await createScimGroup(actor, { displayName: `group-${run}-${g}`, members: [] }, BASE_URL);
    const members = ids.filter((_, i) => i % groups === g);
    for (let s = 0; s < members.length; s += 100) {
      await patchScimGroup(actor, group.id, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: members.slice(s, s + 100).map((value) => ({ value })) }] }, BASE_URL);
    }
  }
  const groupSeconds = (performance.now() - t1) / 1000;
  console.log(`SCIM initial push on ${database}, ${concurrency} requests in flight:`);
  console.log(`  ${total.toLocaleString("en-US")} users (lookup + create each): ${userSeconds.toFixed(1)} s = ${Math.round(total / userSeconds).toLocaleString("en-US")} users/s`);
  console.log(`  ${groups} groups, ${total.toLocaleString("en-US")} memberships in PATCHes of 100: ${groupSeconds.toFixed(1)} s = ${Math.round(total / groupSeconds).toLocaleString("en-US")} memberships/s`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeDb();
    await dropDatabase?.();
  });
