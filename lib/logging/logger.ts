import pino from "pino";

// The one logger of the server: JSON lines on stdout (one object per line, `level` as a label, `time` as ISO 8601),
// at the level of LOG_LEVEL (default "info"; "silent" turns it off). Errors go under `err` and are serialised with
// their stack. Never pass secrets (keys, tokens, passwords, request bodies) in a log object.
// Read from process.env directly rather than lib/env: scripts and the start-up checks log before env is valid.
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function logLevelFrom(value: string | undefined): (typeof LEVELS)[number] {
  const v = value?.trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(v ?? "") ? (v as (typeof LEVELS)[number]) : "info";
}

/** A logger with the server's format; `destination` is for tests (stdout otherwise). */
export function createLogger(level: string | undefined, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: logLevelFrom(level),
    base: { service: "guardrail" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger(process.env.LOG_LEVEL);
