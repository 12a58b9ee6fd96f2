import { PgPreparedQuery } from "drizzle-orm/pg-core";

/**
 * Drizzle puts every parameter of a failed query into the error's message ("params: …"): bcrypt
 * hashes, token hashes, e-mail addresses. Whoever logs that error — Next.js included — would write
 * them out. Every failed query is rethrown here with the SQL text only (it holds placeholders, never
 * values) and the driver's code and message; the parameters and the driver's `detail` (which can
 * quote a value) are dropped.
 */
type QueryFn = (queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryFn & { __redacted?: true } };

export class QueryFailed extends Error {
  readonly query: string;
  readonly code?: string;
  readonly constraint?: string;
  constructor(query: string, cause: unknown) {
    const c = (cause ?? {}) as { code?: string; message?: string; constraint?: string };
    super(`Failed query: ${query}${c.code ? ` [${c.code}]` : ""} ${safeMessage(c)}`.trim(), { cause: scrub(cause) });
    this.name = "QueryFailed";
    this.query = query;
    this.code = c.code;
    this.constraint = c.constraint;
  }
}

/**
 * The driver's message without the values it may quote: a data exception (class 22, e.g.
 * `invalid input syntax for type integer: "$2b$12$…"`) keeps its words but loses what is quoted.
 */
function safeMessage(c: { code?: string; message?: string }): string {
  const message = c.message ?? "";
  return c.code?.startsWith("22") ? message.replace(/:\s*".*$/s, "").replace(/"[^"]*"/g, "…") : message;
}

function scrub(cause: unknown): unknown {
  if (cause && typeof cause === "object") {
    const record = cause as Record<string, unknown>;
    for (const key of ["detail", "where", "parameters", "params"]) delete record[key];
    if (typeof record.message === "string") {
      const message = safeMessage(record as { code?: string; message?: string });
      if (message !== record.message) {
        record.message = message;
        if (typeof record.stack === "string") record.stack = `${record.name ?? "Error"}: ${message}`;
      }
    }
  }
  return cause;
}

if (!proto.queryWithCache.__redacted) {
  const original = proto.queryWithCache;
  const redacted = async function (this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      throw new QueryFailed(queryString, cause);
    }
  } as QueryFn & { __redacted?: true };
  redacted.__redacted = true;
  proto.queryWithCache = redacted;
}
