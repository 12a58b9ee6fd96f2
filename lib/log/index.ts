import pino, { type Logger } from "pino";

/**
 * The one logger. JSON lines on stdout with the request id, actor and route where known. It never
 * logs query parameters, request bodies, cookies or headers that carry credentials: those paths are
 * censored, and database errors are reduced to their code and message (db/redact.ts) before anyone
 * can log them.
 */
const REDACT = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "tokenHash",
  "*.tokenHash",
  "key",
  "*.key",
  "keyHash",
  "*.keyHash",
  "params",
  "*.params",
  "err.params",
  "err.cause.params",
  "headers.cookie",
  "headers.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
];

const globalForLog = globalThis as typeof globalThis & { __rollcallLog?: Logger };

function create(): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { app: "rollcall" },
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
  });
}

/** Replaces the destination (tests capture lines to prove what never reaches them). */
export function setLogDestination(stream: pino.DestinationStream, level = "debug"): Logger {
  const logger = pino({ level, base: { app: "rollcall" }, redact: { paths: REDACT, censor: "[redacted]" } }, stream);
  globalForLog.__rollcallLog = logger;
  return logger;
}

export function logger(): Logger {
  return (globalForLog.__rollcallLog ??= create());
}

/** The fields every line about one request carries: request id (set by server.mjs), route and actor. */
export function requestFields(headers: Headers, actor?: { kind: string; userId?: string; keyId?: string } | null): Record<string, unknown> {
  return {
    requestId: headers.get("x-request-id") ?? undefined,
    route: headers.get("x-rollcall-route") ?? undefined,
    actor: actor ? { kind: actor.kind, id: actor.userId ?? actor.keyId } : undefined,
  };
}
