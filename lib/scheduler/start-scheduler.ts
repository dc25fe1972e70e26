import "server-only";
import { env } from "@/lib/env";
import { startOutboxLoop } from "@/lib/notifications/outbox-worker";
import { newHolderId, releaseLease, runDueJobs } from "./scheduler";
import { logger } from "@/lib/logging/logger";

const TICK_MS = 30_000;
const globalState = globalThis as unknown as { __guardrailScheduler?: () => Promise<void> };

/**
 * Starts this process's share of the background work: outbox delivery (every worker, claims are exclusive)
 * and the scheduler tick (jobs run only in the worker holding the lease). Call once per server process;
 * returns a stop function. SCHEDULER=off turns both off.
 */
export function startScheduler(): () => Promise<void> {
  if (globalState.__guardrailScheduler) return globalState.__guardrailScheduler;
  if (env.SCHEDULER === "off") return async () => undefined;
  const holder = newHolderId();
  const stopOutbox = startOutboxLoop();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runDueJobs(holder);
    } catch (err) {
      logger.error({ err }, "scheduler tick failed");
    }
    if (!stopped) {
      timer = setTimeout(tick, TICK_MS);
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, 5_000);
  timer.unref?.();
  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    stopOutbox();
    globalState.__guardrailScheduler = undefined;
    await releaseLease(holder).catch(() => undefined);
  };
  globalState.__guardrailScheduler = stop;
  return stop;
}
