/**
 * npm run bench — prints numbers and ratios; it never fails on timing.
 *
 * Against PostgreSQL (BENCH_DATABASE_URL, default a `rollcall_bench` database on the local server),
 * seeded to 100,000 users with `seed-demo` once and reused:
 *  1. the /users page with a search term and a filter, rendered by `next start` (p50/p95 over HTTP);
 *  2. the list query through the app's code vs the same SQL sent raw through `pg` (median, ratio);
 *  3. sign-in of an unknown user vs a known user with a wrong password (median of 20 each).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openPostgres } from "../db/client";
import { makeCtx } from "../lib/context";
import { seedDemo } from "../lib/demo/seed-demo";
import { createAdministrator } from "../lib/users/create-administrator";
import { ListUsersInput, selectUserRows } from "../lib/users/list-users";
import { users } from "../db/schema";

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

async function ensureDatabase() {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Signs in through Auth.js's own endpoints and returns the session cookie. */
async function signInCookie(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: base },
    body: new URLSearchParams({ csrfToken, identifier: ADMIN.username, password: ADMIN.password, callbackUrl: "/" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`Sign-in failed: ${res.status}`);
  return session.split(";")[0];
}

async function postSignIn(base: string, identifier: string, password: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return time(() =>
    fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: base },
      body: new URLSearchParams({ csrfToken, identifier, password, callbackUrl: "/" }),
    }).then((r) => r.arrayBuffer()),
  );
}

async function main() {
  await ensureDatabase();
  const conn = openPostgres(url, 4);
  await conn.migrate();
  const ctx = makeCtx(conn.db);
  const [{ n }] = await conn.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n < TARGET_USERS) {
    console.log(`Seeding ${(TARGET_USERS - n).toLocaleString("en")} users into ${url} …`);
    const t = await time(() => seedDemo({ ctx, input: { users: TARGET_USERS - n } }));
    console.log(`  seeded in ${(t / 1000).toFixed(1)} s`);
    await conn.db.execute(sql`analyze`);
  }
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
    if ((error as { code?: string }).code !== "conflict") throw error; // conflict: there from an earlier run
  });
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

  // 1. The page, rendered server-side by the production build.
  if (!existsSync(".next/BUILD_ID")) spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64"), AUTH_TRUST_HOST: "true" },
  });
  try {
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const cookie = await signInCookie(base);
    const pageTimes: number[] = [];
    for (let round = 0; round < 12; round++) {
      for (const q of queries) {
        const qs = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
        const t = await time(async () => {
          const res = await fetch(`${base}/users?${qs}`, { headers: { Cookie: cookie } });
          if (res.status !== 200) throw new Error(`/users answered ${res.status}`);
          await res.arrayBuffer();
        });
        if (round > 1) pageTimes.push(t);
      }
    }
    console.log("\n/users page, search term + filter, full server render over HTTP (next start), 50 samples:");
    console.log(`  p50 ${fmt(pct(pageTimes, 50))}, p95 ${fmt(pct(pageTimes, 95))}   (goal: p95 under 150 ms)`);

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
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
    await conn.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
