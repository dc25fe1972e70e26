/** Where notifications come from: `listen` resolves once LISTEN took effect and calls `onDown` if the connection is lost. */
export type NotificationSource = {
  listen(onNotify: (payload: string) => void, onDown: (err: unknown) => void): Promise<{ stop: () => Promise<void> }>;
};

export type ListenerHandlers = {
  notify: (payload: string) => void;
  /** LISTEN took effect: whatever changed while nobody listened is unknown */
  up: () => void;
  /** the connection was lost (`lost`) or the listener is stopping: from here nothing is announced */
  down: (lost: boolean) => void;
};

/**
 * Keeps a LISTEN going: calls `up` once it takes effect, `down` when the connection is lost, and listens again after
 * `retryMs` (doubling to 30 s while it keeps failing). Returns the function that stops it (which calls `down`).
 */
export function keepListening(
  source: NotificationSource,
  handlers: ListenerHandlers,
  options: { retryMs?: number; onError?: (err: unknown) => void } = {},
): () => Promise<void> {
  let stopped = false;
  let current: { stop: () => Promise<void> } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let delay = options.retryMs ?? 1_000;

  /** The connection behind `handle` was lost: once, and only while it is the current one. */
  const lost = (handle: { stop: () => Promise<void> }, err: unknown) => {
    if (stopped || current !== handle) return;
    current = null;
    handlers.down(true);
    void handle.stop().catch(() => undefined);
    options.onError?.(err);
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(connect, delay);
    timer.unref?.();
    delay = Math.min(delay * 2, 30_000);
  };
  const connect = async () => {
    if (stopped) return;
    // The source may report a loss before `listen` has resolved: it is handled once the handle is current.
    let handle: { stop: () => Promise<void> } | null = null;
    let lostEarly: { err: unknown } | null = null;
    const onDown = (err: unknown) => {
      if (handle) lost(handle, err);
      else lostEarly ??= { err };
    };
    try {
      handle = await source.listen(handlers.notify, onDown);
      if (stopped) return void (await handle.stop().catch(() => undefined));
      current = handle;
      handlers.up();
      delay = options.retryMs ?? 1_000;
      if (lostEarly) lost(handle, (lostEarly as { err: unknown }).err);
    } catch (err) {
      options.onError?.(err);
      schedule();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    handlers.down(false);
    const handle = current;
    current = null;
    await handle?.stop().catch(() => undefined);
  };
}
