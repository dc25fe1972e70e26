import { keepListening, type NotificationSource } from "@/lib/db/keep-listening";

// A decision or a batch of events that names someone this worker's directory does not hold asks the database whether
// such a person was added since the directory's last refresh (anyoneNamed), so that a person provisioned a moment ago
// is not denied. A name nobody has (a service account, a mistake in a gateway's configuration) asked again on every
// call: a round trip in the request path, and a database query per request for whoever sends it.
//
// So each worker remembers the names the database said nobody has, until PostgreSQL announces a change to people or
// their names: a statement trigger on "User" and "UserEmailAlias" notifies "guardrail_people" at commit (migration
// people_notifications), and this worker LISTENs on its listening connection
// (one per worker for every channel: lib/db/listen.ts). The same guarantees as the cap counters
// (lib/caps/cap-counter-cache.ts):
// - PostgreSQL delivers a notification only once the writing transaction is visible to new snapshots, so a look-up
//   that starts after it arrived sees the new person;
// - a look-up that was under way when a notification arrived is answered but not kept;
// - while the listening connection is down, and until it listens again, nothing is kept or served from memory;
// - this process's own writes to people (SCIM, the people import, aliases) invalidate its policy state
//   (invalidatePolicySnapshot), so its next request reads the directory again, which holds the new name: memory is
//   asked only for names the directory lacks;
// - a name is asked again after MAX_AGE_MS whatever happens, a bound on any notification that never came.

export const PEOPLE_CHANNEL = "guardrail_people";
export const MAX_AGE_MS = 10_000;
const MAX_NAMES = 10_000;

type State = {
  listening: boolean;
  /** bumped whenever the remembered names are forgotten: a look-up under way across it is not kept */
  epoch: number;
  /** name → when it must be asked again (ms) */
  names: Map<string, number>;
  stats: { hits: number; misses: number; notifications: number; losses: number };
};

const globalState = globalThis as unknown as { __guardrailUnknownNames?: State };
const state = (globalState.__guardrailUnknownNames ??= {
  listening: false,
  epoch: 0,
  names: new Map(),
  stats: { hits: 0, misses: 0, notifications: 0, losses: 0 },
});

export function forgetUnknownNames() {
  state.names.clear();
  state.epoch++;
}

/**
 * Does the database hold a person any of these names would find (`lookUp`: anyoneNamed)? False from memory when every
 * name was looked up and found to be nobody's since the last change to people; otherwise `lookUp` asks for the names
 * not remembered, and when it finds nobody, they are remembered unless people changed while it ran.
 */
export async function anyoneNamedRemembered(names: string[], lookUp: (names: string[]) => Promise<boolean>, now = Date.now()): Promise<boolean> {
  if (!state.listening) return lookUp(names);
  const unsure = names.filter((name) => !((state.names.get(name) ?? 0) > now));
  if (!unsure.length) {
    state.stats.hits++;
    return false;
  }
  state.stats.misses++;
  const epoch = state.epoch;
  const found = await lookUp(unsure);
  if (!found && state.listening && state.epoch === epoch) {
    if (state.names.size + unsure.length > MAX_NAMES) state.names.clear();
    for (const name of unsure) state.names.set(name, now + MAX_AGE_MS);
  }
  return found;
}

export function unknownNameStats() {
  return { listening: state.listening, names: state.names.size, ...state.stats };
}

/**
 * Listens for changes to people and remembers unknown names while the connection holds; when it is lost, stops
 * remembering and listens again after `retryMs` (doubling to 30 s). Returns the function that stops it.
 */
export function startUnknownNameCache(source: NotificationSource, options: { retryMs?: number; onError?: (err: unknown) => void } = {}): () => Promise<void> {
  return keepListening(
    source,
    {
      notify: () => {
        state.stats.notifications++;
        forgetUnknownNames();
      },
      up: () => {
        forgetUnknownNames(); // someone may have been added while nobody listened
        state.listening = true;
      },
      down: (lost) => {
        state.listening = false;
        if (lost) state.stats.losses++;
        forgetUnknownNames();
      },
    },
    options,
  );
}
