import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { freePort } from "./ports";
import { startFakeResend } from "../../tests/support/fake-resend";

/**
 * Builds if needed, then serves the production build through `server.mjs` (as `npm start` does) on
 * a free port against a fresh PostgreSQL database, so tests can also reach into the database the
 * way an operator would.
 */
/** The scheduler's bearer token on the e2e server (e2e/12-reports calls the cron route with it). */
export const E2E_CRON_SECRET = "e2e-cron-secret";

export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const root = process.cwd();
  if (!existsSync(`${root}/.next/BUILD_ID`)) {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", cwd: root });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const base = process.env.E2E_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `rollcall_e2e_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: withDatabase(base, "postgres") });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const databaseUrl = withDatabase(base, name);
  const resend = await startFakeResend();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  const server: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    detached: true, // its own process group, stopped as a whole
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      CRON_SECRET: E2E_CRON_SECRET,
      AUTH_TRUST_HOST: "true",
      APP_URL: baseURL,
      RESEND_API_KEY: "re_e2e_key",
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: "Rollcall <rollcall@example.com>",
      // Two processes behind the port (server/workers.mjs): every flow here must work whichever
      // process answers each request, as it must behind a load balancer.
      WEB_CONCURRENCY: "2",
    },
  });
  let log = "";
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  await waitForHealth(baseURL, () => log);
  provide("baseURL", baseURL);
  provide("databaseUrl", databaseUrl);
  provide("resendUrl", resend.url);

  return async () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
    if (process.env.E2E_SERVER_LOG) console.log(log);
    await resend.close();
    const drop = new pg.Client({ connectionString: withDatabase(base, "postgres") });
    await drop.connect();
    await drop.query(`drop database if exists "${name}" with (force)`);
    await drop.end();
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function waitForHealth(baseURL: string, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become healthy in 60 s:\n${log()}`);
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databaseUrl: string;
    resendUrl: string;
  }
}
