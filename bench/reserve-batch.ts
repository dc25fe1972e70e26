// What a reservation costs PostgreSQL by batch size: the decision path's reservation statement (RESERVE_BATCH_SQL)
// with 1, 4, 16 and 64 people's reservations per statement, each statement committed, on one connection, on a
// throwaway copy of the database, in rotating order. Per line: PostgreSQL CPU and wall time per reservation.
// Run: DATABASE_URL=postgresql://... npx tsx --conditions=react-server bench/reserve-batch.ts
// (RESERVE_ROUNDS, 3; RESERVE_COUNT reservations per line, 1,536)
import { loadavg } from "node:os";
import { RESERVE_BATCH_SQL, reserveBatchParams } from "../lib/caps/cap-usage";
import { withScratchDatabase } from "./scratch-database";

const ROUNDS = Number(process.env.RESERVE_ROUNDS ?? 3);
const COUNT = Number(process.env.RESERVE_COUNT ?? 1536);
const SIZES = [1, 4, 16, 64];

async function main() {
  await withScratchDatabase(process.env.DATABASE_URL ?? "", "reservebatch", async (c, { source, backendCpu }) => {
    // The busiest period's people, so that every batch finds its counters; a limit nobody reaches.
    const { rows: people } = await c.query<{ userId: string; period: string }>(
      `SELECT "userId", "period" FROM "CapUsage" WHERE "period" = (SELECT "period" FROM "CapUsage" GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1)`,
    );
    const toolId = (await c.query<{ id: string }>(`SELECT "id" FROM "Tool" WHERE "kind" = 'external' ORDER BY "id" LIMIT 1`)).rows[0]?.id;
    if (people.length < Math.max(...SIZES) || !toolId) throw new Error(`bench/reserve-batch.ts needs a seeded database with ${Math.max(...SIZES)} people's counters in one period`);
    console.log(`${COUNT} reservations per line, ${people.length} people, database ${source} (copied), machine load ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    let next = 0;
    const batch = (size: number) => Array.from({ length: size }, () => ({ ...people[next++ % people.length], tokens: 1, limit: Number.MAX_SAFE_INTEGER, toolId }));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const size of round % 2 ? SIZES : [...SIZES].reverse()) {
        const cpu0 = backendCpu();
        const t0 = performance.now();
        for (let done = 0; done < COUNT; done += size) await c.query({ name: "reserve", text: RESERVE_BATCH_SQL, values: reserveBatchParams(batch(size), 600) });
        const wall = (performance.now() - t0) / COUNT;
        const cpu = ((backendCpu() - cpu0) * 1000) / COUNT;
        console.log(`round ${round}, batches of ${String(size).padEnd(2)} | PostgreSQL CPU ${cpu.toFixed(3)} ms per reservation | wall ${wall.toFixed(3)} ms per reservation`);
      }
    }
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
