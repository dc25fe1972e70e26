import { describe, expect, it } from "vitest";
import { asyncCommitPoolOptions, pgPoolOptions } from "@/lib/db/create-client";

describe("the PostgreSQL pool's settings", () => {
  const settings = { DATABASE_POOL_SIZE: 10, DATABASE_POOL_IDLE_SECONDS: 600 };

  it("keeps idle connections for DATABASE_POOL_IDLE_SECONDS, not pg's 10 s", () => {
    const o = pgPoolOptions("postgresql://u:p@db:5432/guardrail", settings);
    expect(o).toMatchObject({ max: 10, idleTimeoutMillis: 600_000, keepAlive: true, allowExitOnIdle: true });
  });

  it("never closes idle connections when the setting is 0 (pg reads 0 as no timeout)", () => {
    expect(pgPoolOptions("postgresql://u:p@db:5432/guardrail", { ...settings, DATABASE_POOL_IDLE_SECONDS: 0 }).idleTimeoutMillis).toBe(0);
  });

  it("sets the report queries' session settings unless the URL brings its own", () => {
    expect(pgPoolOptions("postgresql://u:p@db:5432/guardrail", settings).options).toBe("-c work_mem=32MB -c jit=off");
    expect(pgPoolOptions("postgresql://u:p@db:5432/guardrail?options=-c%20work_mem%3D8MB", settings).options).toBeUndefined();
  });

  // On PostgreSQL, tests/integration/caps/reservation-batch.test.ts checks that the connection's setting is off.
  it("gives the reservation connection synchronous_commit = off, after the URL's own options, and one connection", () => {
    const plain = asyncCommitPoolOptions("postgresql://u:p@db:5432/guardrail?sslmode=require", settings);
    expect(plain.max).toBe(1);
    const options = (o: { connectionString?: string }) => new URL(o.connectionString!).searchParams.get("options");
    expect(options(plain)).toBe("-c synchronous_commit=off");
    expect(new URL(plain.connectionString!).searchParams.get("sslmode")).toBe("require");
    const own = asyncCommitPoolOptions("postgresql://u:p@db:5432/guardrail?options=-c%20work_mem%3D8MB", settings);
    expect(options(own)).toBe("-c work_mem=8MB -c synchronous_commit=off");
  });
});
