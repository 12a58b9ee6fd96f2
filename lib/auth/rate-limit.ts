import { sql } from "drizzle-orm";
import type { Handle } from "@/db/client";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window, atomically in PostgreSQL, so every instance
 * counts together. The window restarts once it has elapsed.
 */
export async function hitRateLimit(
  db: Handle,
  key: string,
  { limit, windowSeconds, now }: { limit: number; windowSeconds: number; now: Date },
): Promise<RateLimitResult> {
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);
  const result = await db.execute<{ count: number; window_started_at: string | Date }>(sql`
    insert into rate_limits (key, count, window_started_at) values (${key}, 1, ${now})
    on conflict (key) do update set
      count = case when rate_limits.window_started_at <= ${windowStart} then 1 else rate_limits.count + 1 end,
      window_started_at = case when rate_limits.window_started_at <= ${windowStart} then ${now} else rate_limits.window_started_at end
    returning count, window_started_at`);
  const row = result.rows[0];
  const started = new Date(row.window_started_at);
  const retryAfterSeconds = Math.max(1, Math.ceil((started.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed: row.count <= limit, count: row.count, retryAfterSeconds };
}

/** Seconds to wait when `key` is over its limit, without counting a hit; null when allowed. */
export async function rateLimitRetryAfter(
  db: Handle,
  key: string,
  { limit, windowSeconds, now }: { limit: number; windowSeconds: number; now: Date },
): Promise<number | null> {
  const result = await db.execute<{ count: number; window_started_at: string | Date }>(
    sql`select count, window_started_at from rate_limits where key = ${key}`,
  );
  const row = result.rows[0];
  if (!row) return null;
  const ends = new Date(row.window_started_at).getTime() + windowSeconds * 1000;
  if (ends <= now.getTime() || row.count < limit) return null;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}
