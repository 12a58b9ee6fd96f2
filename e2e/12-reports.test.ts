/**
 * The scheduler's route and the report pages: a wrong token is 401, the right one sends the day's
 * report once (a repeat is "already sent"), and /reports lists it, /reports/[date] shows it with
 * each number leading to the audit log.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { E2E_CRON_SECRET } from "./support/global-setup";
import { LoginPage } from "./support/pages";

const baseURL = inject("baseURL");
let browser: Browser;
const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await insertUser({ username: "reporter", firstName: "Rita", lastName: "Reporter", password: "reporter password 2026", roleKey: "administrator" });
  await sql("update users set send_end_of_day_report = true where username = 'reporter'");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const cron = (token: string | null, date = day) =>
  fetch(`${baseURL}/api/cron/end-of-day?date=${date}`, { method: "POST", headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe("end-of-day report", () => {
  it("answers 401 without the right token, sends once with it, and says so the second time", async () => {
    const anonymous = await cron(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    expect((await cron("wrong")).status).toBe(401);
    const first = await cron(E2E_CRON_SECRET);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "sent", date: day });
    const second = await cron(E2E_CRON_SECRET);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: "already_sent", date: day });
    const runs = await sql<{ n: number }>("select count(*)::int as n from report_runs where report_date = $1", [day]);
    expect(runs[0].n).toBe(1);
    const mail = await sql<{ n: number }>(
      "select count(*)::int as n from email_outbox where template = 'end_of_day_report' and to_address = 'reporter@example.com'",
    );
    expect(mail[0].n).toBe(1);
  });

  it("lists the report at /reports and shows it at /reports/[date], each number leading to the audit log", async () => {
    const page = await (await newContext(browser, baseURL)).newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("reporter", "reporter password 2026");
    await page.waitForURL((u) => u.pathname === "/users");
    await page.goto("/reports");
    await expectAccessible(page, "/reports");
    await page.locator(`a[href="/reports/${day}"]`).click();
    await page.waitForURL((u) => u.pathname === `/reports/${day}`);
    await page.getByRole("heading", { level: 1, name: /End-of-day report/ }).waitFor();
    await expectAccessible(page, "/reports/[date]");
    const href = await page.getByRole("region", { name: "Sign-ins and access" }).getByRole("link").first().getAttribute("href");
    expect(href).toBe(`/audit?${new URLSearchParams({ action: "auth.sign_in", from: day, to: day })}`);

    // Any other ended day, sent or not, from the list's day field.
    await page.goto("/reports");
    await page.getByLabel("A day's figures").fill("2026-01-15");
    await page.getByRole("button", { name: "Open the day" }).click();
    await page.waitForURL((u) => u.pathname === "/reports/2026-01-15");
    await page.getByText("No report was sent for this day.", { exact: false }).waitFor();
    // A day the calendar lacks is said as such.
    await page.goto("/reports?day=2026-02-31");
    await page.getByText("That day does not exist: choose another.").waitFor();
  });
});
