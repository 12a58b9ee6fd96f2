import { logger } from "@/lib/log";

/**
 * Whether the database is reachable, as this process last saw it. Kept on globalThis so that the
 * custom server (server.mjs), which answers 503 while the database is down, reads the same state
 * as the modules Next.js loads. Nothing here is a source of truth for other instances: each
 * instance learns about an outage from its own failed queries and recovers on its own probe.
 */
export interface AvailabilityState {
  down: boolean;
  since: number | null;
  reason: string | null;
  /** Set by whoever opens the database: a cheap query that proves it answers again. */
  probe?: () => Promise<void>;
}

const globalForState = globalThis as typeof globalThis & { __rollcallDbState?: AvailabilityState };

export function availability(): AvailabilityState {
  return (globalForState.__rollcallDbState ??= { down: false, since: null, reason: null });
}

// Connection-level failures: the server is gone, refuses, is starting or shutting down, or is too slow.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled (statement_timeout)
  "53300", // too_many_connections
]);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /query read timeout/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /database is not reachable/i,
];

/** True when `error` (or one of its causes) says the database could not be reached in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Auth.js wraps what authorize() threw as `cause: { err }`.
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown; err?: unknown } | undefined, depth = 0;
    e && depth < 6;
    e = ((e as { cause?: unknown }).cause ?? (e as { err?: unknown }).err) as typeof e, depth++
  ) {
    if (typeof e !== "object") return false;
    if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith("08"))) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((m) => m.test(e.message as string))) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

/** Records an outage once: one log line when it starts, none for the requests that follow. */
export function markDown(error: unknown): void {
  const state = availability();
  if (state.down) return;
  const reason = describe(error);
  Object.assign(state, { down: true, since: Date.now(), reason });
  logger().error({ event: "database.down", reason }, "Rollcall can't reach its database");
}

export function markUp(): void {
  const state = availability();
  if (!state.down) return;
  const seconds = state.since ? Math.round((Date.now() - state.since) / 1000) : null;
  Object.assign(state, { down: false, since: null, reason: null });
  logger().warn({ event: "database.up", outageSeconds: seconds }, "Rollcall reaches its database again");
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const inner = e?.cause ?? e;
  return [inner?.code, inner?.message ?? e?.message].filter(Boolean).join(": ").slice(0, 200);
}
