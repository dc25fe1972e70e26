// How a worker (scripts/server.ts) tells `npm start`'s launcher that it passed its startup checks and listens.

export const WORKER_READY = "guardrail:worker-ready";

export function isWorkerReadyMessage(message: unknown): boolean {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === WORKER_READY;
}

/** Sends the ready message when this process has a launcher (an IPC channel); otherwise does nothing. */
export function announceWorkerReady() {
  if (typeof process.send === "function" && process.connected) process.send({ type: WORKER_READY });
}
