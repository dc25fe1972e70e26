// `npm run outbox:deliver`: delivers every due outbox message (email, Slack, webhooks) once, then exits with a
// summary. The server does this by itself every 2 s; use this where no server runs the loop (SCHEDULER=off, or
// the embedded database while the portal is stopped). Messages still failing keep their backoff.
import { closeDb } from "@/lib/db/client";
import { deliverDueMessages, type DeliveryRound } from "@/lib/notifications/outbox-worker";

async function main() {
  const total: DeliveryRound = { claimed: 0, delivered: 0, retrying: 0, dead: 0 };
  for (;;) {
    const round = await deliverDueMessages();
    for (const k of Object.keys(total) as (keyof DeliveryRound)[]) total[k] += round[k];
    if (round.claimed === 0) break;
  }
  console.log(`Outbox: ${total.delivered} delivered, ${total.retrying} to retry later, ${total.dead} given up (of ${total.claimed} due).`);
  if (total.retrying || total.dead) process.exitCode = 1;
}

main()
  .catch((e) => {
    console.error(`outbox:deliver: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
