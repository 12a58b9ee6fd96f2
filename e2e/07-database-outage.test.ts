/**
 * A database in trouble: the app's own server (server.mjs, production build) talks to PostgreSQL
 * through a TCP proxy this test controls. With the proxy refusing connections, and then accepting
 * them but never answering, every page, an action and the API answer 503 within the pool's timeout,
 * the session cookie survives, and the app recovers by itself when the database is back.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createServer, connect, type Server, type Socket } from "node:net";
import bcrypt from "bcrypt";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./support/ports";
import { launchBrowser, newContext } from "./support/browser";
import { LoginPage } from "./support/pages";

type Mode = "forward" | "refuse" | "stall";

/** A TCP proxy to PostgreSQL that can forward, refuse new connections, or swallow every byte. */
class FaultProxy {
  mode: Mode = "forward";
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async listen(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.on("data", (d) => this.mode === "forward" && upstream.write(d));
      upstream.on("data", (d) => this.mode === "forward" && client.write(d));
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  private cutAll() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async set(mode: Mode): Promise<void> {
    if (mode === "refuse") {
      this.mode = mode;
      const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
      this.cutAll(); // close() waits for open connections: cut them first
      await closed;
    } else if (mode === "stall") {
      this.mode = mode; // connections stay open; nothing gets through either way
    } else {
      this.cutAll(); // stalled streams are out of step with the protocol: start clean
      this.mode = "forward";
      if (!this.server?.listening) await this.listen();
    }
  }

  async close() {
    const closed = new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
    this.cutAll();
    await closed;
  }
}

const base = new URL(process.env.E2E_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const name = `rollcall_outage_${randomBytes(4).toString("hex")}`;
const direct = new URL(base);
direct.pathname = `/${name}`;
let proxy: FaultProxy;
let server: ChildProcess;
let baseURL = "";
let cookie = "";
let adminId = "";
let apiKey = "";
let log = "";
let browser: Browser;
const CONNECT_TIMEOUT_MS = 1_500;
const STATEMENT_TIMEOUT_MS = 2_000;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: new URL("/postgres", base).toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** A timed request with the session cookie. */
async function timed(path: string, init: RequestInit = {}) {
  const started = Date.now();
  const res = await fetch(`${baseURL}${path}`, { redirect: "manual", ...init, headers: { cookie, ...(init.headers ?? {}) } });
  const body = await res.text();
  return { status: res.status, body, ms: Date.now() - started, setCookie: res.headers.get("set-cookie"), type: res.headers.get("content-type") };
}

beforeAll(async () => {
  await admin(`create database "${name}"`);
  proxy = new FaultProxy(await freePort(), { host: base.hostname, port: Number(base.port || 5432) });
  await proxy.listen();
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  const viaProxy = new URL(direct);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  server = spawn("node", ["server.mjs"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: viaProxy.toString(),
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_TRUST_HOST: "true",
      APP_URL: baseURL,
      // What one process does when its database fails. With several (server/workers.mjs), each
      // finds out for itself, as separate instances would, and logs its own outage line.
      WEB_CONCURRENCY: "1",
    },
  });
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${baseURL}/api/health`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const client = new pg.Client({ connectionString: direct.toString() });
  await client.connect();
  const hash = await bcrypt.hash("outage admin password 1", 4);
  const { rows } = await client.query<{ id: string }>(
    `insert into users (first_name, last_name, username, email, role_id, status, password_hash, password_changed_at, admin_console_access, registered_at)
     values ('Olga', 'Outage', 'olga', 'olga@example.com', (select id from roles where key = 'administrator'), 'active', $1, now(), true, now()) returning id`,
    [hash],
  );
  adminId = rows[0].id;
  // An API key for the API's share of the outage (the API takes keys, not the cookie).
  const prefix = randomBytes(4).toString("hex");
  apiKey = `rk_${prefix}_${randomBytes(32).toString("base64url")}`;
  await client.query(
    "insert into api_keys (name, prefix, key_hash, role_id, created_by_id) values ('Outage probe', $1, $2, (select id from roles where key = 'api_basic'), $3)",
    [prefix, createHash("sha256").update(apiKey).digest("hex"), adminId],
  );
  await client.end();
  browser = await launchBrowser();
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.signIn("olga", "outage admin password 1");
  await page.waitForURL((url) => url.pathname === "/users");
  cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {}
  if (process.env.E2E_SERVER_LOG) console.log(log);
  await proxy?.close();
  await admin(`drop database if exists "${name}" with (force)`).catch(() => {});
});

/** Every kind of request answers 503 quickly, says why, and leaves the cookie alone. */
async function expectUnavailable(limitMs: number) {
  const answers = {
    login: await timed("/login"),
    users: await timed("/users"),
    action: await timed("/users", { method: "POST", headers: { "Next-Action": "0".repeat(40), Origin: baseURL, "Content-Type": "text/plain" }, body: "[]" }),
    api: await timed(`/api/v1/users/${adminId}/permissions`, { headers: { Authorization: `Bearer ${apiKey}` } }),
    health: await timed("/api/health"),
  };
  for (const [what, a] of Object.entries(answers)) {
    expect(a.status, `${what}: ${a.body.slice(0, 200)}`).toBe(503);
    expect(a.ms, what).toBeLessThan(limitMs);
    expect(a.setCookie ?? "", what).not.toMatch(/session-token=;|Max-Age=0/i);
  }
  expect(answers.users.body).toContain("can&#39;t reach its database");
  expect(answers.api.type).toContain("application/problem+json");
  expect(JSON.parse(answers.api.body)).toMatchObject({ status: 503 });
}

async function expectRecovery() {
  await expect.poll(async () => (await timed("/api/health")).status, { timeout: 15_000, interval: 250 }).toBe(200);
  const users = await timed("/users");
  expect(users.status).toBe(200); // the same cookie: the session was kept through the outage
  expect(users.body).toContain("Olga");
}

describe("a database in trouble", () => {
  it("refusing connections: 503 everywhere within the timeout, then recovery without a restart", async () => {
    expect((await timed("/users")).status).toBe(200);
    await proxy.set("refuse");
    await expectUnavailable(CONNECT_TIMEOUT_MS + 3_000);
    await proxy.set("forward");
    await expectRecovery();
  });

  it("accepting but never answering: 503 within the pool's timeouts, then recovery", async () => {
    await proxy.set("stall");
    await expectUnavailable(STATEMENT_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 3_000);
    await proxy.set("forward");
    await expectRecovery();
    const outages = log.split("\n").filter((line) => line.includes('"event":"database.down"'));
    expect(outages.length).toBe(2); // one line per outage, not one per request
  });
});
