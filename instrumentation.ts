// Runs once when the server starts: stop with one clear message instead of failing on the first request,
// then log every request as one JSON line, and tell `npm start`'s launcher this worker can serve.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { runStartupChecksOrExit } = await import("./lib/startup-checks");
    await runStartupChecksOrExit();
    const { installAccessLog } = await import("./lib/logging/access-log");
    installAccessLog();
    // Outbox delivery and scheduled jobs (one runner across workers, see lib/scheduler/scheduler.ts).
    const { startScheduler } = await import("./lib/scheduler/start-scheduler");
    startScheduler();
    const { announceWorkerReady } = await import("./lib/server/worker-ready");
    announceWorkerReady();
  }
}
