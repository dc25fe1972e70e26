import "server-only";
import { addDays } from "@/lib/calendar";
import { openUnseenUsageReviewItems } from "./open-unseen-usage-review-items";

/** How far back the daily run looks: late events (gateways retry for days) can close or open a gap after the import. */
export const RECONCILE_LOOKBACK_DAYS = 35;

/** The scheduler's daily run: every vendor, the last RECONCILE_LOOKBACK_DAYS UTC days up to today. */
export async function reconcileRecentVendorDays(now: Date) {
  const to = now.toISOString().slice(0, 10);
  return openUnseenUsageReviewItems({ from: addDays(to, -RECONCILE_LOOKBACK_DAYS), to });
}
