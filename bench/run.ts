/**
 * npm run bench — prints numbers and ratios; it never fails on timing.
 *
 * Against PostgreSQL (BENCH_DATABASE_URL, default a `rollcall_bench` database on the local server),
 * seeded to 100,000 users with `seed-demo` once and reused:
 *  1. the /users page with a search term and a filter, served as `npm start` serves it (server.mjs),
 *     at 1, 10 and 20 connections beside its two queries raw at the same concurrency; its weight;
 *     page 1 against page 2,000; 10,000 users against 100,000; a burst of sign-ins against other
 *     pages; the page again with two processes (WEB_CONCURRENCY=2) (bench/pages.ts);
 *  2. the list query through the app's code vs the same SQL sent raw through `pg` (median, ratio);
 *  3. sign-in of an unknown user vs a known user with a wrong password (median of 20 each);
 *  4. with 1,000,000 audit events (10,000 on one day): that day's end-of-day report, and the audit
 *     log filtered by a user and a date range beside the same SQL raw;
 *  5. GET /api/v1/users?q= at 1 and 10 connections (autocannon) beside its rows query raw (bench/api.ts);
 *  6. import of 10,000 and 50,000 rows, the export of every user, a bulk deactivation (bench/imports.ts).
 *
 * BENCH_ONLY=pages runs 1, 3 and 5 alone (the parts that need the server); BENCH_ONLY=imports runs 2 and 6.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openPostgres } from "../db/client";
import { makeCtx } from "../lib/context";
import { ALL_PERMISSIONS } from "../lib/permissions/catalog";
import { seedDemo } from "../lib/demo/seed-demo";
import { createAdministrator } from "../lib/users/create-administrator";
import { ListUsersInput, selectUserRows } from "../lib/users/list-users";
import { users } from "../db/schema";
import { AuditFilters, auditFilterWhere, selectAuditRows } from "../lib/audit/filters";
import { buildDailyReport } from "../lib/reports/build-report";
import { freePort } from "../e2e/support/ports";
import { benchApi } from "./api";
import { benchImports } from "./imports";
import { postCredentials } from "./sign-in";
import { benchDeepPages, benchSignInBurst, benchUsersPage, benchWorkers, load, PAGE_QUERY, pageWeight, warmUp } from "./pages";

const TARGET_USERS = Number(process.env.BENCH_USERS ?? 100_000);
const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/rollcall_bench";
const ADMIN = { username: "bench-admin", password: "quartz lantern orbit meadow 2026" };

const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x: number) => `${x.toFixed(1)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return ms(process.hrtime.bigint() - t);
}

async function ensureDatabase(databaseUrl = url) {
  const u = new URL(databaseUrl);
  const name = u.pathname.slice(1);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
}

/** Signs the bench administrator in and returns the session cookie. */
async function signInCookie(base: string): Promise<string> {
  const res = await postCredentials(base, ADMIN.username, ADMIN.password);
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`Sign-in failed: ${res.status}`);
  return session.split(";")[0];
}

async function postSignIn(base: string, identifier: string, password: string) {
  return time(() => postCredentials(base, identifier, password).then((r) => r.arrayBuffer()));
}

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REPORT_DAY = "2026-06-01";

/**
 * 1,000,000 audit events over a year (10,000 of them on REPORT_DAY), inserted once by SQL; then one
 * day's report built through the app's code (goal under 2 s), and the audit log filtered by a user
 * and a date range through the app's query vs the same SQL raw.
 */
async function benchAuditAndReport(db: ReturnType<typeof openPostgres>["db"]) {
  const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_events`)).rows;
  if (n < TARGET_EVENTS) {
    console.log(`\nInserting ${(TARGET_EVENTS - n).toLocaleString("en")} audit events …`);
    const started = Date.now();
    const actions = [
      "auth.sign_in",
      "auth.sign_in_failed",
      "user.updated",
      "user.created",
      "user.locked",
      "user.deactivated",
      "user.permissions_changed",
      "user.invited",
    ];
    const ids = (await db.execute<{ id: string; name: string }>(sql`select id, first_name || ' ' || last_name as name from users order by id limit 2000`)).rows;
    const dayStart = new Date(`${REPORT_DAY}T00:00:00Z`);
    const [{ onDay }] = (
      await db.execute<{ onDay: number }>(
        sql`select count(*)::int as "onDay" from audit_events where at >= ${dayStart} and at < ${dayStart.getTime() + 86_400_000}::bigint * interval '1 millisecond' + 'epoch'::timestamptz`,
      )
    ).rows;
    const dayEvents = Math.max(0, Math.min(10_000 - onDay, TARGET_EVENTS - n));
    if (dayEvents)
      await db.execute(sql`
        insert into audit_events (at, action, actor_kind, actor_id, actor_name, target_type, target_id, target_name, detail)
        select ${dayStart}::timestamptz + (i % 86400) * interval '1 second',
               (${sql.param(actions)}::text[])[1 + i % ${actions.length}], 'user',
               (${sql.param(ids.map((r) => r.id))}::uuid[])[1 + i % 50], 'Bench Admin', 'user',
               (${sql.param(ids.map((r) => r.id))}::uuid[])[1 + i % ${ids.length}], 'Target ' || (i % ${ids.length}),
               case when i % 8 = 4 then '{"reason":"failed_logins"}'::jsonb else '{}'::jsonb end
        from generate_series(1, ${dayEvents}) as i`);
    // The rest spread over the year before, in batches that each stay under the statement timeout.
    for (let left = TARGET_EVENTS - n - dayEvents; left > 0; left -= 100_000) {
      await db.execute(sql`
        insert into audit_events (at, action, actor_kind, actor_id, actor_name, target_type, target_id, target_name, detail)
        select ${dayStart}::timestamptz - (1 + i % 364) * interval '1 day' - (i % 86400) * interval '1 second',
               (${sql.param(actions)}::text[])[1 + i % ${actions.length}], 'user',
               (${sql.param(ids.map((r) => r.id))}::uuid[])[1 + i % 50], 'Bench Admin', 'user',
               (${sql.param(ids.map((r) => r.id))}::uuid[])[1 + i % ${ids.length}], 'Target ' || (i % ${ids.length}), '{}'::jsonb
        from generate_series(1, ${Math.min(100_000, left)}) as i`);
    }
    await db.execute(sql`analyze audit_events`);
    console.log(`  inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const [{ total, onDay }] = (
    await db.execute<{ total: number; onDay: number }>(
      sql`select count(*)::int as total, count(*) filter (where at >= ${new Date(`${REPORT_DAY}T00:00:00Z`)} and at < ${new Date("2026-06-02T00:00:00Z")})::int as "onDay" from audit_events`,
    )
  ).rows;
  const reportTimes: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = await time(() => buildDailyReport(db, { date: REPORT_DAY, timeZone: "UTC", passwordMaxAgeDays: 120 }));
    if (i > 0) reportTimes.push(t);
  }
  console.log(
    `\nEnd-of-day report for one day (${onDay.toLocaleString("en")} events that day, ${total.toLocaleString("en")} in all), built through the app, 5 samples:`,
  );
  console.log(`  median ${fmt(pct(reportTimes, 50))}, max ${fmt(Math.max(...reportTimes))}   (goal: under 2,000 ms)`);

  const [{ target }] = (await db.execute<{ target: string }>(sql`select target_id as target from audit_events where target_id is not null limit 1`)).rows;
  const filters = AuditFilters.parse({ target, from: "2026-05-01", to: REPORT_DAY });
  const built = selectAuditRows(db, auditFilterWhere(filters, "UTC"), 51).toSQL();
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  const appTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < 42; i++) {
    const a = await time(() => selectAuditRows(db, auditFilterWhere(filters, "UTC"), 51));
    const r = await time(() => raw.query(built.sql, built.params));
    if (i > 1) {
      appTimes.push(a);
      rawTimes.push(r);
    }
  }
  await raw.end();
  console.log("\n/audit filtered by a target user and a month (51 rows), 40 samples each:");
  console.log(`  through the app: p50 ${fmt(pct(appTimes, 50))}, p95 ${fmt(pct(appTimes, 95))}`);
  console.log(`  same SQL, raw:   p50 ${fmt(pct(rawTimes, 50))}, p95 ${fmt(pct(rawTimes, 95))}`);
  console.log(`  ratio p95 app / raw: ${(pct(appTimes, 95) / pct(rawTimes, 95)).toFixed(2)}x`);
}

async function main() {
  await ensureDatabase();
  const conn = openPostgres(url, 4);
  await conn.migrate();
  // The bench acts as the operator's command line, like `npm run rollcall`.
  const ctx = makeCtx(conn.db, { actor: { kind: "cli", name: "command line", permissions: new Set(ALL_PERMISSIONS) } });
  const [{ n }] = await conn.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n < TARGET_USERS) {
    console.log(`Seeding ${(TARGET_USERS - n).toLocaleString("en")} users into ${url} …`);
    const t = await time(() => seedDemo({ ctx, input: { users: TARGET_USERS - n } }));
    console.log(`  seeded in ${(t / 1000).toFixed(1)} s`);
    await conn.db.execute(sql`analyze`);
  }
  await ensureBenchAdmin(ctx);
  const [{ total }] = await conn.db.select({ total: sql<number>`count(*)::int` }).from(users);
  const [{ roleId }] = (await conn.db.execute<{ roleId: string }>(sql`select id as "roleId" from roles where key = 'basic'`)).rows;

  // A term of the kind an administrator types, and a filter.
  const queries = [
    { q: "garcia", status: "active" },
    { q: "maria", roleId },
    { q: "6123", status: "active" },
    { q: "smith", status: "inactive" },
    { q: "lopez mar", status: "active" },
  ];

  console.log(`\nRollcall bench — ${total.toLocaleString("en")} users on PostgreSQL (${new URL(url).pathname.slice(1)}), Node ${process.version}`);

  // 2. The list query: app code vs the same SQL through raw pg.
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  const appTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let round = 0; round < 12; round++) {
    for (const q of queries) {
      const query = ListUsersInput.parse({ ...q, pageSize: 25 });
      const built = selectUserRows(conn.db, query).toSQL();
      const app = await time(() => selectUserRows(conn.db, query));
      const direct = await time(() => raw.query(built.sql, built.params));
      if (round > 1) {
        appTimes.push(app);
        rawTimes.push(direct);
      }
    }
  }
  await raw.end();
  const appMedian = pct(appTimes, 50);
  const rawMedian = pct(rawTimes, 50);
  console.log("\nList query (search term + filter, 25 rows), 50 samples each:");
  console.log(`  through the app (Drizzle): median ${fmt(appMedian)}, p95 ${fmt(pct(appTimes, 95))}`);
  console.log(`  same SQL, raw pg:          median ${fmt(rawMedian)}, p95 ${fmt(pct(rawTimes, 95))}`);
  console.log(`  ratio app / raw (median):  ${(appMedian / rawMedian).toFixed(2)}x   (goal: within 2x)`);

  if (process.env.BENCH_ONLY !== "pages") {
    // 4. The end-of-day report over a large audit trail, and the audit log filtered by a user and dates.
    if (process.env.BENCH_ONLY !== "imports") await benchAuditAndReport(conn.db);

    // 6. Import, export and bulk actions.
    const [{ adminId }] = (await conn.db.execute<{ adminId: string }>(sql`select id as "adminId" from users where username = ${ADMIN.username}`)).rows;
    await benchImports(conn.db, adminId);
  }
  if (process.env.BENCH_ONLY === "imports") return conn.close();

  // 1. The page, rendered by the production build as `npm start` runs it (server.mjs).
  if (!existsSync(".next/BUILD_ID")) spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  const { base, stop } = await serve(url);
  try {
    const cookie = await signInCookie(base);
    const out = await benchUsersPage(base, url, conn.db, cookie);
    await pageWeight(base, cookie);
    await benchDeepPages(base, conn.db, cookie);
    const [{ now: usersNow }] = await conn.db.select({ now: sql<number>`count(*)::int` }).from(users);
    await benchGrowth(base, url, cookie, usersNow);
    await benchSignInBurst(base, cookie);

    // The same page with two processes behind the port (WEB_CONCURRENCY=2, server/workers.mjs).
    const two = await serve(url, { workers: 2 });
    try {
      await benchWorkers(two.base, await signInCookie(two.base), out);
    } finally {
      two.stop();
    }

    // 5. The REST API's list under load, beside its SQL raw.
    await benchApi(base, url, ctx);

    // 3. Sign-in timing: unknown user vs known user with a wrong password.
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 22; i++) {
      await conn.db.execute(sql`delete from rate_limits`);
      await conn.db.execute(sql`update users set failed_login_count = 0, locked_at = null, lock_reason = null where username = ${ADMIN.username}`);
      const u = await postSignIn(base, `nobody-${i}@example.com`, "wrong password for bench");
      const k = await postSignIn(base, ADMIN.username, "wrong password for bench");
      if (i > 1) {
        unknown.push(u);
        known.push(k);
      }
    }
    await conn.db.execute(sql`update users set failed_login_count = 0, locked_at = null, lock_reason = null where username = ${ADMIN.username}`);
    const mu = pct(unknown, 50);
    const mk = pct(known, 50);
    console.log("\nSign-in with a wrong password, over HTTP, 20 samples each:");
    console.log(`  unknown user: median ${fmt(mu)}`);
    console.log(`  known user:   median ${fmt(mk)}`);
    console.log(`  difference:   ${((Math.abs(mu - mk) / Math.max(mu, mk)) * 100).toFixed(1)}%   (goal: under 20%)`);
  } finally {
    stop();
    await conn.close();
  }
}

/** The administrator the bench signs in as; a conflict means an earlier run made them. */
async function ensureBenchAdmin(ctx: ReturnType<typeof makeCtx>) {
  await createAdministrator({
    ctx,
    input: {
      firstName: "Bench",
      lastName: "Admin",
      username: ADMIN.username,
      email: "bench-admin@example.com",
      password: ADMIN.password,
      confirmPassword: ADMIN.password,
    },
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== "conflict") throw error;
  });
}

/** The production server on a free port against `databaseUrl`, one proxy hop trusted (the burst sends X-Forwarded-For). */
async function serve(databaseUrl: string, { workers = 1 } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["server.mjs"], {
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      TRUST_PROXY: "1",
      WEB_CONCURRENCY: String(workers),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_TRUST_HOST: "true",
    },
  });
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    stop: () => {
      try {
        process.kill(-server.pid!, "SIGTERM");
      } catch {}
    },
  };
}

/**
 * The same page on 10,000 users (a second database, seeded once) beside this one: how its time grows
 * with the table, at one connection.
 */
async function benchGrowth(base: string, bigUrl: string, cookie: string, bigTotal: number) {
  const smallUrl = process.env.BENCH_SMALL_DATABASE_URL ?? bigUrl.replace(/\/([^/]+)$/, "/$1_10k");
  await ensureDatabase(smallUrl);
  const small = openPostgres(smallUrl, 4);
  await small.migrate();
  const ctx = makeCtx(small.db, { actor: { kind: "cli", name: "command line", permissions: new Set(ALL_PERMISSIONS) } });
  const [{ n }] = await small.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n < 10_000) await seedDemo({ ctx, input: { users: 10_000 - n } });
  await ensureBenchAdmin(ctx);
  await small.close();
  const { base: smallBase, stop } = await serve(smallUrl);
  try {
    const smallCookie = await signInCookie(smallBase);
    const path = `/users?${new URLSearchParams(PAGE_QUERY)}`;
    // Warmed as the big one was before it (a fresh process is slower until V8 has compiled the render).
    await warmUp(smallBase, [path, "/users"], smallCookie);
    const a = await load(smallBase, [path], 1, { cookie: smallCookie });
    const b = await load(base, [path], 1, { cookie });
    const firstA = await load(smallBase, ["/users"], 1, { cookie: smallCookie });
    const firstB = await load(base, ["/users"], 1, { cookie });
    const f = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`
Growth, 1 connection: 10,000 users against ${bigTotal.toLocaleString("en")}:`);
    console.log(`  ${path}: p50 ${f(a.p50)} → ${f(b.p50)} (${(b.p50 / a.p50).toFixed(2)}x), p95 ${f(a.p95)} → ${f(b.p95)}`);
    console.log(
      `  /users (no filter, page 1): p50 ${f(firstA.p50)} → ${f(firstB.p50)} (${(firstB.p50 / firstA.p50).toFixed(2)}x), p95 ${f(firstA.p95)} → ${f(firstB.p95)}`,
    );
  } finally {
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
