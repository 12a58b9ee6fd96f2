/**
 * `GET /api/v1/users?q=…` under autocannon at 1 and 10 connections, beside the same rows query sent
 * raw through a `pg` pool at the same concurrency, in the same run. Prints p50/p95/p99, req/s and the
 * ratios; never fails on timing.
 */
import autocannon from "autocannon";
import pg from "pg";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { roles, settings } from "../db/schema";
import { createApiKey } from "../lib/api-keys/create-api-key";
import type { Ctx } from "../lib/context";
import { UserPageInput, selectUserPage } from "../lib/users/user-records";

const TERMS = ["garcia", "maria", "lopez", "6123", "smith"];
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 8);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

interface Run {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

async function viaApi(base: string, key: string, connections: number): Promise<Run> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${key}` },
    requests: TERMS.map((q) => ({ method: "GET", path: `/api/v1/users?q=${q}&limit=25` })),
    setupClient: (client) => {
      client.on("response", (status: number, _bytes: number, ms: number) => {
        if (status !== 200) non2xx++;
        latencies.push(ms);
      });
    },
  });
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), rps: result.requests.average, errors: non2xx + result.errors };
}

async function raw(url: string, db: Database, connections: number): Promise<Run> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const built = TERMS.map((q) => selectUserPage(db, UserPageInput.parse({ q, limit: 25 })).select.toSQL());
  const latencies: number[] = [];
  const until = Date.now() + DURATION_S * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const { sql, params } = built[i++ % built.length];
        const started = process.hrtime.bigint();
        await pool.query(sql, params);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  await pool.end();
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), rps: latencies.length / DURATION_S, errors: 0 };
}

const f = (x: number) => `${x.toFixed(1)} ms`;

export async function benchApi(base: string, url: string, ctx: Ctx) {
  const [{ roleId }] = await ctx.db.select({ roleId: roles.id }).from(roles).where(eq(roles.key, "api_basic"));
  const { key } = await createApiKey({ ctx, input: { name: `bench ${new Date().toISOString()}`, roleId } });
  // The per-key limit (600 a minute) would turn the run into 429s: lift it for the run, then restore it.
  const [before] = await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, "api.rateLimitPerMinute"));
  await ctx.db.update(settings).set({ value: 100_000 }).where(eq(settings.key, "api.rateLimitPerMinute"));
  try {
    // Warm up the route (and Next's module cache) before measuring.
    await viaApi(base, key, 2).catch(() => undefined);
    console.log(`\nGET /api/v1/users?q=… (5 terms, 25 rows), ${DURATION_S} s each, autocannon vs the rows query raw through a pg pool:`);
    for (const connections of [1, 10]) {
      const app = await viaApi(base, key, connections);
      const floor = await raw(url, ctx.db, connections);
      console.log(
        `  ${String(connections).padStart(2)} conn  API p50 ${f(app.p50)} p95 ${f(app.p95)} p99 ${f(app.p99)} ${app.rps.toFixed(0)} req/s${app.errors ? ` (${app.errors} errors)` : ""}` +
          ` | raw p50 ${f(floor.p50)} p95 ${f(floor.p95)} p99 ${f(floor.p99)} ${floor.rps.toFixed(0)} q/s` +
          ` | p95 ratio ${(app.p95 / floor.p95).toFixed(2)}x; goal p95 ≤ 2 × raw + 20 ms = ${f(2 * floor.p95 + 20)}: ${app.p95 <= 2 * floor.p95 + 20 ? "met" : "missed"}`,
      );
    }
  } finally {
    await ctx.db
      .update(settings)
      .set({ value: before?.value ?? 600 })
      .where(eq(settings.key, "api.rateLimitPerMinute"));
  }
}
