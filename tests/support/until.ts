/** Waits, one turn of the event loop at a time, until `check` holds: for state that callbacks the test drives change. */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r));
}
