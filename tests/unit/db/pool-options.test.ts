import { describe, expect, it } from "vitest";
import { pgPoolOptions } from "@/lib/db/create-client";

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
});
