/**
 * The /users page under load, beside its own two queries (rows and count) sent raw through a `pg`
 * pool at the same concurrency; the effect of a burst of sign-ins on other pages; page 1 against
 * page 2,000; and the page's weight. Prints numbers and ratios; never fails on timing.
 */
import autocannon from "autocannon";
import pg from "pg";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { postCredentials } from "./sign-in";
import { cappedCountQuery, encodeListKey, listKeyOf, ListUsersInput, selectUserRows, USER_SORTS, type ListUsersQuery } from "../lib/users/list-users";

const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 8);
/**
 * How long the page is served before it is measured. A fresh process spends half as much again on
 * each view until V8 has compiled the render's hot paths: read from /proc over eight 6-second runs in a
 * row, 37.9, 33.6, 32.1, then 23.6–27.8 ms of Node's CPU a view (docs/performance.md, session 11).
 * The 3 s at two connections this used to allow measured that first, colder stretch.
 */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);

/** Serves `paths` for WARMUP_SECONDS at 10 connections, unmeasured. */
export const warmUp = (base: string, paths: string[], cookie: string) => load(base, paths, 10, { cookie }, WARMUP_SECONDS);
/** The issue's query: a search term and a filter. */
export const PAGE_QUERY = { q: "maria", status: "active" };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f = (x: number) => `${x.toFixed(1)} ms`;

export interface Run {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

const summary = (latencies: number[], seconds: number, errors = 0): Run => ({
  p50: pct(latencies, 50),
  p95: pct(latencies, 95),
  p99: pct(latencies, 99),
  rps: latencies.length / seconds,
  errors,
});

/** GET paths with autocannon for `seconds`; every latency recorded (autocannon's own table has no p95). */
export async function load(base: string, paths: string[], connections: number, headers: Record<string, string> = {}, seconds = SECONDS): Promise<Run> {
  const latencies: number[] = [];
  let bad = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers,
    requests: paths.map((path) => ({ method: "GET", path })),
    setupClient: (client) => {
      client.on("response", (status: number, _bytes: number, ms: number) => {
        if (status !== 200) bad++;
        latencies.push(ms);
      });
    },
  });
  return summary(latencies, seconds, bad + result.errors);
}

/** The page's two queries, as the page sends them (both at once), raw through a pool of `connections`. */
async function floor(url: string, db: Database, query: ListUsersQuery, connections: number): Promise<Run> {
  const rows = selectUserRows(db, query, { limit: query.pageSize + 1 }).toSQL();
  const count = cappedCountQuery(db, query).toSQL();
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const latencies: number[] = [];
  // Warmed as the page is: a second of the same pairs, not recorded, connects the pool.
  const run = async (seconds: number, record: boolean) => {
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const started = process.hrtime.bigint();
          await Promise.all([pool.query(rows.sql, rows.params), pool.query(count.sql, count.params)]);
          if (record) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }),
    );
  };
  await run(1, false);
  await run(SECONDS, true);
  await pool.end();
  return summary(latencies, SECONDS);
}

const line = (label: string, r: Run) =>
  `${label} p50 ${f(r.p50)} p95 ${f(r.p95)} p99 ${f(r.p99)} ${r.rps.toFixed(1)}/s${r.errors ? ` (${r.errors} errors)` : ""}`;

/** 1, 10 and 20 connections: the page against its floor, with the goal beside each. */
export async function benchUsersPage(base: string, url: string, db: Database, cookie: string) {
  const query = ListUsersInput.parse(PAGE_QUERY);
  const path = `/users?${new URLSearchParams(PAGE_QUERY)}`;
  await warmUp(base, [path], cookie);
  console.log(
    `\n${path} (25 rows), after ${WARMUP_SECONDS} s of warming up, ${SECONDS} s each: the page (autocannon) | its rows + count queries raw (pg pool, same concurrency):`,
  );
  const out: Record<number, { app: Run; raw: Run }> = {};
  for (const connections of [1, 10, 20]) {
    const app = await load(base, [path], connections, { cookie });
    const raw = await floor(url, db, query, connections);
    out[connections] = { app, raw };
    const goal = connections === 1 ? 2 * raw.p95 : 2 * raw.p95 + 20;
    console.log(
      `  ${String(connections).padStart(2)} conn  ${line("page", app)} | ${line("raw", raw)}` +
        ` | p95 ${(app.p95 / raw.p95).toFixed(2)}x, ${(raw.rps / app.rps).toFixed(1)}x fewer/s` +
        (connections === 20 ? "" : ` | goal p95 ≤ ${f(goal)}: ${app.p95 <= goal ? "met" : "missed"}`),
    );
  }
  return out;
}

/** The same page served by two processes (WEB_CONCURRENCY=2), beside one process's figures from this run. */
export async function benchWorkers(base: string, cookie: string, single: Record<number, { app: Run; raw: Run }>) {
  const path = `/users?${new URLSearchParams(PAGE_QUERY)}`;
  await warmUp(base, [path], cookie); // both processes, as the one process was
  console.log(`\n${path} with WEB_CONCURRENCY=2 (two processes behind the port), ${SECONDS} s each, beside one process:`);
  for (const connections of [10, 20]) {
    const two = await load(base, [path], connections, { cookie });
    const one = single[connections].app;
    console.log(
      `  ${String(connections).padStart(2)} conn  ${line("two", two)} | ${line("one", one)} | p95 ${(two.p95 / one.p95).toFixed(2)}x, ${(two.rps / one.rps).toFixed(2)}x pages/s`,
    );
  }
}

/** The page's weight: the HTML a browser downloads (markup plus the inline RSC payload), and the RSC payload a client navigation fetches. */
export async function pageWeight(base: string, cookie: string) {
  const path = `/users?${new URLSearchParams(PAGE_QUERY)}`;
  const html = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
  const rsc = await (await fetch(`${base}${path}`, { headers: { cookie, RSC: "1" } })).text();
  const flight = [...html.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce((n, m) => n + m[1].length, 0);
  const { gzipSync } = await import("node:zlib");
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nPage weight of ${path} (25 rows):`);
  console.log(
    `  HTML ${kb(Buffer.byteLength(html))} (${kb(gzipSync(html).length)} gzipped), of which inline RSC ${kb(flight)}; RSC on navigation ${kb(Buffer.byteLength(rsc))} (${kb(gzipSync(rsc).length)} gzipped)   (goal: under 40 KB)`,
  );
}

/**
 * Four sign-ins at a time, for unknown users from four addresses (so the per-address throttle does
 * not answer them with 429 before bcrypt runs), while /api/health and /users are measured at one
 * connection each; the same measured idle first.
 */
export async function benchSignInBurst(base: string, cookie: string) {
  const path = `/users?${new URLSearchParams(PAGE_QUERY)}`;
  const measure = async () => {
    const [health, users] = await Promise.all([load(base, ["/api/health"], 1, {}, 6), load(base, [path], 1, { cookie }, 6)]);
    return { health, users };
  };
  const idle = await measure();
  let stop = false;
  const outcomes: Record<string, number> = {};
  const signIns: number[] = [];
  const burst = Array.from({ length: 4 }, async (_, worker) => {
    for (let i = 0; !stop; i++) {
      const started = Date.now();
      const address = `198.51.${100 + worker}.${(i % 250) + 1}`;
      const res = await postCredentials(base, `nobody-${worker}-${i}@example.com`, "a wrong password for the bench", { "x-forwarded-for": address });
      await res.arrayBuffer();
      outcomes[res.status] = (outcomes[res.status] ?? 0) + 1;
      signIns.push(Date.now() - started);
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  const busy = await measure();
  stop = true;
  await Promise.all(burst);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
  console.log("\nA burst of 4 concurrent sign-ins (unknown users, 4 addresses) against other pages, 1 connection each, 6 s:");
  console.log(
    `  /api/health p99: idle ${f(idle.health.p99)}, during the burst ${f(busy.health.p99)} → ${ratio(busy.health.p99, idle.health.p99)}   (goal: within 3x)`,
  );
  console.log(
    `  /users p50:      idle ${f(idle.users.p50)}, during the burst ${f(busy.users.p50)} → ${ratio(busy.users.p50, idle.users.p50)}   (goal: within 3x)`,
  );
  console.log(
    `  the sign-ins themselves: ${signIns.length} in about 6 s, median ${f(pct(signIns, 50))}; answers ${Object.entries(outcomes)
      .map(([s, n]) => `${s}×${n}`)
      .join(", ")}`,
  );
}

/** Page 1 against page 2,000 of the unfiltered list (sorted by name), by cursor as Next gives it, and by a typed ?page= (OFFSET). */
export async function benchDeepPages(base: string, db: Database, cookie: string) {
  const query = ListUsersInput.parse({ pageSize: 25 });
  const [row] = await selectUserRows(db, query, { limit: 1, offset: 1999 * 25 - 1 });
  if (!row) return console.log("\n(page 2,000 needs 50,000 users; skipped)");
  const cursor = encodeListKey(query, listKeyOf(query, row as never));
  // Views one after the other, the first two unmeasured (warming): their times in ms.
  const views = async (path: string, n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n + 2; i++) {
      const started = process.hrtime.bigint();
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (i > 1) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return times;
  };
  const sample = async (path: string) => {
    const times = await views(path, 40);
    return { p50: pct(times, 50), p95: pct(times, 95) };
  };
  const first = await sample("/users");
  const deep = await sample(`/users?page=2000&after=${cursor}`);
  const offset = await sample("/users?page=2000");
  console.log("\nThe unfiltered list by name, 40 samples each:");
  console.log(`  page 1:                          p50 ${f(first.p50)} p95 ${f(first.p95)}`);
  console.log(
    `  page 2,000 by Next (keyset):     p50 ${f(deep.p50)} p95 ${f(deep.p95)} → ${(deep.p95 / first.p95).toFixed(2)}x page 1   (goal: what page 1 costs)`,
  );
  console.log(`  page 2,000 typed as ?page= (OFFSET, kept for old links): p50 ${f(offset.p50)} p95 ${f(offset.p95)} → ${(offset.p95 / first.p95).toFixed(2)}x`);
  const [{ estimate }] = (await db.execute<{ estimate: number }>(sql`select reltuples::int as estimate from pg_class where oid = 'users'::regclass`)).rows;
  console.log(`  its count: the planner's estimate (${estimate.toLocaleString("en")}), shown as "about"; no count(*) per view`);
  // Every sort, ascending: page 1 and page 2,000 as Next reaches it (10 samples each after 2 unmeasured, p50).
  console.log("\nThe unfiltered list by each sort, page 1 and page 2,000 by Next, 10 samples each, p50:");
  for (const sort of USER_SORTS) {
    const sorted = ListUsersInput.parse({ pageSize: 25, sort });
    const [key] = await selectUserRows(db, sorted, { limit: 1, offset: 1999 * 25 - 1 });
    const few = async (path: string) => pct(await views(path, 10), 50);
    const one = await few(`/users?sort=${sort}`);
    const far = await few(`/users?sort=${sort}&page=2000&after=${encodeListKey(sorted, listKeyOf(sorted, key as never))}`);
    console.log(`  ${sort.padEnd(15)} page 1 ${f(one)}, page 2,000 ${f(far)} → ${(far / one).toFixed(2)}x`);
  }
}
