import "server-only";
import { prisma } from "../db/client";

export type Health = { status: "ok" | "unavailable"; database: { ok: boolean; latencyMs: number; error?: string }; time: string };

/** Liveness plus a real round trip to the database. */
export async function checkHealth(): Promise<Health> {
  const t0 = performance.now();
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return { status: "ok", database: { ok: true, latencyMs: Math.round(performance.now() - t0) }, time: new Date().toISOString() };
  } catch {
    return {
      status: "unavailable",
      database: { ok: false, latencyMs: Math.round(performance.now() - t0), error: "database did not answer" },
      time: new Date().toISOString(),
    };
  }
}
