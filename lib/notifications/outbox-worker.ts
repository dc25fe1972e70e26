import "server-only";
import { prisma } from "@/lib/db/client";
import { sendNotificationEmail } from "./deliver-email";
import { readOpsSettings } from "./ops-settings";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./webhook-signature";
import { logger } from "@/lib/logging/logger";

// Reading side of the outbox: claim due rows, deliver, record the outcome. Any number of workers (processes
// or loops) can run this at once: a claim is one UPDATE over `FOR UPDATE SKIP LOCKED` rows, so each row goes to
// one worker, and a claimed row whose worker died (status "sending" past lockedUntil) is claimed again.
// Delivery is at least once: a crash between sending and recording sends that message again, which is why
// every webhook carries a stable Guardrail-Delivery id.

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 3_600_000;
const LEASE_MS = 60_000;
const HTTP_TIMEOUT_MS = 10_000;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), BACKOFF_MAX_MS);
}

type Claimed = {
  id: string;
  channel: string;
  eventType: string;
  payload: unknown;
  notificationId: string | null;
  endpointId: string | null;
  attempts: number;
  maxAttempts: number;
};

class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null = null,
    readonly permanent = false,
  ) {
    super(message);
  }
}

export async function claimDueMessages(now: Date, limit: number, leaseMs = LEASE_MS): Promise<Claimed[]> {
  return prisma.$queryRawUnsafe<Claimed[]>(
    `UPDATE "OutboxMessage" o
     SET "status" = 'sending', "attempts" = o."attempts" + 1, "lockedUntil" = $1::timestamp + make_interval(secs => $3::double precision / 1000)
     WHERE o."id" IN (
       SELECT "id" FROM "OutboxMessage"
       WHERE ("status" = 'pending' AND "nextAttemptAt" <= $1::timestamp) OR ("status" = 'sending' AND "lockedUntil" <= $1::timestamp)
       ORDER BY "nextAttemptAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING o."id", o."channel", o."eventType", o."payload", o."notificationId", o."endpointId", o."attempts", o."maxAttempts"`,
    now.toISOString(),
    limit,
    leaseMs,
  );
}

async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  let res: Response;
  try {
    // redirect: "manual": a 3xx is a failure, never a hop to somewhere the admin did not configure.
    res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, redirect: "manual", signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  } catch (err) {
    throw new DeliveryError(err instanceof Error ? err.message : String(err));
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new DeliveryError(`HTTP ${res.status}`, res.status);
  return res.status;
}

async function deliver(m: Claimed): Promise<number | null> {
  switch (m.channel) {
    case "email":
      if (!m.notificationId) throw new DeliveryError("email without a notification", null, true);
      await sendNotificationEmail(m.notificationId);
      return null;
    case "slack": {
      const { slackWebhookUrl } = await readOpsSettings();
      if (!slackWebhookUrl) throw new DeliveryError("Slack is no longer configured", null, true);
      return postJson(slackWebhookUrl, JSON.stringify(m.payload));
    }
    case "webhook": {
      const endpoint = m.endpointId ? await prisma.webhookEndpoint.findUnique({ where: { id: m.endpointId } }) : null;
      if (!endpoint || endpoint.disabledAt) throw new DeliveryError("the endpoint was removed", null, true);
      const body = JSON.stringify(m.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      return postJson(endpoint.url, body, {
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestamp, body),
        [EVENT_HEADER]: m.eventType,
        [DELIVERY_HEADER]: m.id,
        "user-agent": "Guardrail-Webhooks/1",
      });
    }
    default:
      throw new DeliveryError(`unknown channel ${m.channel}`, null, true);
  }
}

export type DeliveryRound = { claimed: number; delivered: number; retrying: number; dead: number };

/** Claims up to `limit` due messages and delivers them; `now` is the clock (tests pass a fake one). */
export async function deliverDueMessages(options: { now?: Date; limit?: number; leaseMs?: number } = {}): Promise<DeliveryRound> {
  const now = options.now ?? new Date();
  const claimed = await claimDueMessages(now, options.limit ?? 50, options.leaseMs);
  const round: DeliveryRound = { claimed: claimed.length, delivered: 0, retrying: 0, dead: 0 };
  for (const m of claimed) {
    try {
      const statusCode = await deliver(m);
      await prisma.outboxMessage.updateMany({
        where: { id: m.id, status: "sending" },
        data: { status: "delivered", deliveredAt: new Date(), lockedUntil: null, lastError: null, lastStatusCode: statusCode },
      });
      round.delivered++;
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err));
      const dead = e.permanent || m.attempts >= m.maxAttempts;
      await prisma.outboxMessage.updateMany({
        where: { id: m.id, status: "sending" },
        data: {
          status: dead ? "dead" : "pending",
          nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)),
          lockedUntil: null,
          lastError: e.message.slice(0, 500),
          lastStatusCode: e.statusCode,
        },
      });
      if (dead) round.dead++;
      else round.retrying++;
    }
  }
  return round;
}

/**
 * Delivers due messages every `intervalMs` until stopped. One loop per server process; several processes
 * share the table safely (see above). Errors are logged and the loop carries on.
 */
export function startOutboxLoop(options: { intervalMs?: number; onError?: (err: unknown) => void } = {}): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      // Drain in rounds while there is a backlog, then wait.
      while (!stopped && (await deliverDueMessages()).claimed > 0);
    } catch (err) {
      (options.onError ?? ((e) => logger.error({ err: e }, "outbox delivery round failed")))(err);
    }
    if (!stopped) {
      timer = setTimeout(tick, options.intervalMs ?? 2_000);
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, 0);
  timer.unref?.();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
