import { describe, expect, it } from "vitest";
import { planWorkers, workerExecArgv } from "@/lib/server/worker-plan";

const pg = "postgresql://guardrail:secret@db:5432/guardrail";

describe("planWorkers", () => {
  it("runs one worker per core on PostgreSQL by default", () => {
    expect(planWorkers({ databaseUrl: pg, cpus: 2 })).toEqual({ workers: 2, reason: "one per CPU core" });
    expect(planWorkers({ requested: "auto", databaseUrl: pg, cpus: 8 }).workers).toBe(8);
    expect(planWorkers({ requested: " AUTO ", databaseUrl: pg, cpus: 0 }).workers).toBe(1);
  });

  it("takes WEB_CONCURRENCY as given on PostgreSQL", () => {
    expect(planWorkers({ requested: "3", databaseUrl: pg, cpus: 2 })).toEqual({ workers: 3, reason: "WEB_CONCURRENCY" });
    expect(planWorkers({ requested: "1", databaseUrl: pg, cpus: 16 }).workers).toBe(1);
  });

  it("keeps the embedded database to one process, and says when a request for more was ignored", () => {
    expect(planWorkers({ databaseUrl: "pglite:./.data/pglite", cpus: 8 })).toEqual({ workers: 1, reason: "the embedded database allows one process" });
    expect(planWorkers({ requested: "4", databaseUrl: "pglite:./.data/pglite", cpus: 8 }).reason).toContain("WEB_CONCURRENCY=4 applies to PostgreSQL only");
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number in range, naming the variable", () => {
    for (const bad of ["0", "-1", "2.5", "two", "65"]) {
      expect(() => planWorkers({ requested: bad, databaseUrl: pg, cpus: 2 }), bad).toThrow(/WEB_CONCURRENCY must be "auto" or a whole number from 1 to 64/);
    }
  });

  it("leaves a malformed DATABASE_URL to the worker's startup check", () => {
    expect(planWorkers({ databaseUrl: "mysql://x", cpus: 4 })).toEqual({ workers: 1, reason: "DATABASE_URL is not usable" });
  });
});

describe("workerExecArgv", () => {
  it("bounds each worker's heap unless NODE_OPTIONS already does", () => {
    expect(workerExecArgv(undefined)).toEqual(["--max-old-space-size=320", "--max-semi-space-size=16"]);
    expect(workerExecArgv("--max-old-space-size=1024")).toEqual(["--max-semi-space-size=16"]);
    expect(workerExecArgv("--enable-source-maps --max-semi-space-size=4 --max-old-space-size=200")).toEqual([]);
  });
});
