import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import bcrypt from "bcrypt";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { expectPath, LoginPage } from "./support/pages";
import { UserFormPage } from "./support/user-pages";

/**
 * /dev/mailbox exists only in development, so this file starts its own dev server (`server.mjs`, no
 * RESEND_API_KEY) on a fresh database, next to the production server the other files use.
 */
const base = process.env.E2E_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `rollcall_e2e_dev_${randomBytes(4).toString("hex")}`;
const withDb = (name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};
let server: ChildProcess;
let serverLog = "";
const DEV_CRON_SECRET = "dev-cron-secret-e2e";
let devURL = "";
let browser: Browser;

async function admin(sqlText: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: withDb("postgres") });
  await c.connect();
  try {
    await c.query(sqlText, params);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin(`create database "${dbName}"`);
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  devURL = `http://127.0.0.1:${port}`;
  const { RESEND_API_KEY: _k, ...env } = process.env;
  server = spawn(process.execPath, ["server.mjs"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      NODE_ENV: "development",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: withDb(dbName),
      AUTH_SECRET: randomBytes(32).toString("base64"),
      CRON_SECRET: DEV_CRON_SECRET,
      APP_URL: devURL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  server.stdout?.on("data", (d) => (serverLog += d));
  server.stderr?.on("data", (d) => (serverLog += d));
  const deadline = Date.now() + 120_000;
  while (
    Date.now() < deadline &&
    !(await fetch(`${devURL}/api/health`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    await new Promise((r) => setTimeout(r, 500));
  const db = new pg.Client({ connectionString: withDb(dbName) });
  await db.connect();
  await db.query(
    `insert into users (first_name, last_name, username, email, role_id, status, password_hash, password_changed_at, admin_console_access, registered_at)
     values ('Dev', 'Admin', 'devadmin', 'devadmin@example.com', (select id from roles where key = 'administrator'), 'active', $1, now(), true, now())`,
    [await bcrypt.hash("dev admin password e2e", 4)],
  );
  await db.end();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(serverLog);
  await browser?.close();
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
  await admin(`drop database if exists "${dbName}" with (force)`);
});

describe("development mailbox", () => {
  it("keeps the invitation e-mail at /dev/mailbox; its link registers the invitee, who is then signed in", async () => {
    const page = await (await newContext(browser, devURL)).newPage();
    page.setDefaultTimeout(60_000); // the dev server compiles each page on first visit
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("devadmin", "dev admin password e2e");
    await expectPath(page, /^\/users$/);
    await page.goto("/users/new");
    const form = new UserFormPage(page);
    await form.fillText({ firstName: "Mara", lastName: "Mailbox", username: "mara.mailbox", email: "mara@corp.example", personalEmail: "mara@home.example" });
    await form.select({ roleId: "Basic" });
    await form.check("adminConsoleAccess");
    await page.getByLabel("Send an invitation").check();
    await form.select({ inviteMethod: "Personal e-mail: send a registration link" });
    await form.submit("Create user and invite");
    await expectPath(page, /^\/users\/[0-9a-f-]{36}$/);

    await page.goto("/dev/mailbox");
    await page.getByRole("link", { name: /Dev Admin invited you to Rollcall/ }).click();
    await page.getByRole("heading", { name: "Dev Admin invited you to Rollcall" }).waitFor();
    await expectAccessible(page, "/dev/mailbox with a message open");
    const link = page.getByRole("list", { name: "Links in this message" }).getByRole("link").first();
    const href = (await link.getAttribute("href"))!;
    expect(href.startsWith(`${devURL}/invite/`)).toBe(true);

    const invitee = await (await newContext(browser, devURL)).newPage();
    invitee.setDefaultTimeout(60_000);
    await invitee.goto(href);
    await invitee.locator("#field-password").fill("orchid meteor tide glass");
    await invitee.locator("#field-confirmPassword").fill("orchid meteor tide glass");
    await invitee.getByRole("button", { name: "Complete registration" }).click();
    await expectPath(invitee, /^\/account$/);
    await invitee.getByText("mara@corp.example").waitFor();
  }, 240_000);

  it("shows the end-of-day report in the mailbox after the scheduler calls", async () => {
    const db = new pg.Client({ connectionString: withDb(dbName) });
    await db.connect();
    await db.query("update users set send_end_of_day_report = true where username = 'devadmin'");
    await db.end();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${devURL}/api/cron/end-of-day?date=${yesterday}`, { headers: { Authorization: `Bearer ${DEV_CRON_SECRET}` } });
    expect(await res.json()).toMatchObject({ status: "sent", recipients: 1 });
    const page = await (await newContext(browser, devURL)).newPage();
    page.setDefaultTimeout(60_000);
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("devadmin", "dev admin password e2e");
    await expectPath(page, /^\/users$/);
    await page.goto("/dev/mailbox");
    await page.getByRole("link", { name: new RegExp(`end-of-day report for ${yesterday}`) }).click();
    await page.getByRole("heading", { name: new RegExp(`end-of-day report for ${yesterday}`) }).waitFor();
    // Each number of the report links to the audit log filtered to it.
    const links = await page
      .getByRole("list", { name: "Links in this message" })
      .getByRole("link")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.some((href) => href?.includes(`/audit?action=auth.sign_in_failed&from=${yesterday}&to=${yesterday}`))).toBe(true);
  }, 240_000);

  it("does not exist on the production server", async () => {
    const res = await fetch(`${inject("baseURL")}/dev/mailbox`, { redirect: "manual" });
    expect([307, 404]).toContain(res.status); // anonymous visitors are sent to /login first
  });
});
