/**
 * The audit log as an administrator reads it: events in words, filtered by a user picked by name and
 * a range of days (all in the URL), keyset pages, and the CSV export of the filtered log fetched with
 * the page's own session (header, rows in words, formula escaping). axe-core on every page state.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { expectPath, LoginPage } from "./support/pages";

const baseURL = inject("baseURL");
const PASSWORD = "audit admin password 2026";
const today = () => new Date().toISOString().slice(0, 10);
let browser: Browser;
let context: BrowserContext;
let page: Page;
let luciaId: string;

/** The audit page: its filter form, its rows and its links. */
class AuditLogPage {
  constructor(private readonly page: Page) {}

  async open(query = "") {
    await this.page.goto(`/audit${query}`);
    await this.page.getByRole("heading", { name: "Audit log", exact: true }).waitFor();
  }

  /** Picks a user in one of the two person filters ("Done by", "Done to") by typing part of their name. */
  async pickPerson(filter: "Done by" | "Done to", term: string, option: RegExp) {
    await this.page.getByRole("combobox", { name: `Search users for: ${filter}` }).fill(term);
    await this.page.getByRole("option", { name: option }).click();
  }

  async dates(from: string, to: string) {
    await this.page.getByLabel("From", { exact: true }).fill(from);
    await this.page.getByLabel("To", { exact: true }).fill(to);
  }

  async apply() {
    await this.page.getByRole("button", { name: "Filter", exact: true }).click();
  }

  /** Each row's event, in words (the cell's bold line: on a phone the time is above it). */
  sentences() {
    return this.page.locator("tbody > tr > td:nth-child(2) > p.font-medium").allTextContents();
  }

  exportHref() {
    return this.page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  }
}

/** A minimal RFC 4180 reader for what the export sends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      record.push(field);
      field = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

/** Deactivates then reactivates a user from the users list's row menu. */
async function deactivateAndReactivate(name: string, username: string) {
  await page.goto(`/users?q=${username}`);
  for (const [item, status] of [
    ["Deactivate user", "inactive"],
    ["Reactivate user", "active"],
  ] as const) {
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: item }).click();
    await page.getByRole("dialog").getByRole("button", { name: item }).click();
    await expect.poll(async () => (await sql<{ status: string }>("select status from users where username = $1", [username]))[0].status).toBe(status);
    await page.getByRole("dialog").waitFor({ state: "detached" });
  }
}

beforeAll(async () => {
  await insertUser({ username: "audit.admin", firstName: "Ada", lastName: "Auditor", password: PASSWORD, roleKey: "administrator" });
  luciaId = await insertUser({ username: "lucia.audit", firstName: "Lucía", lastName: "Núñez", password: "lucia audit password 2026", roleKey: "basic" });
  await insertUser({ username: "formula.audit", firstName: "=SUM(1)", lastName: "Formula", password: "formula audit password 2026", roleKey: "basic" });
  // An older event about Lucía, written as the trail is written: appended. The date range leaves it out.
  await sql(
    `insert into audit_events (at, action, actor_kind, actor_name, target_type, target_id, target_name, ip)
     values ('2020-01-15T10:00:00Z', 'user.unblocked', 'system', 'System', 'user', $1, 'Lucía Núñez', '198.51.100.4')`,
    [luciaId],
  );
  browser = await launchBrowser();
  context = await newContext(browser, baseURL);
  page = await context.newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).signIn("audit.admin", PASSWORD);
  await expectPath(page, /^\/users$/);
});

afterAll(async () => {
  await browser?.close();
});

describe("the audit log", () => {
  it("reads events in words, filters by a user and a range of days, and exports the filtered log as CSV", async () => {
    await deactivateAndReactivate("Lucía Núñez", "lucia.audit");
    await deactivateAndReactivate("=SUM(1) Formula", "formula.audit");

    const audit = new AuditLogPage(page);
    await audit.open();
    await expectAccessible(page, "/audit");
    const all = await audit.sentences();
    expect(all).toContain("Ada Auditor signed in");
    expect(all).toContain("Ada Auditor deactivated Lucía Núñez");
    expect(all).toContain("Ada Auditor reactivated =SUM(1) Formula");
    // The actor's kind is named next to the actor.
    expect(await page.locator("tbody").getByText("Ada Auditor (audit.admin)").count()).toBeGreaterThan(0);

    // A user picked by name and today's date (UTC): the filters land in the URL.
    await audit.pickPerson("Done to", "lucia.audit", /Lucía Núñez/);
    // The combobox gives way to the chosen name: the focus goes to its Clear button, not the page's start.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Clear Done to");
    await audit.dates(today(), today());
    await audit.apply();
    await page.waitForURL((url) => url.searchParams.get("target") === luciaId && url.searchParams.get("from") === today());
    expect(await audit.sentences()).toEqual(["Ada Auditor reactivated Lucía Núñez", "Ada Auditor deactivated Lucía Núñez"]);
    // The picked person stays picked after the reload.
    expect(await page.getByRole("group", { name: "Done to" }).getByText("Lucía Núñez (lucia.audit)").count()).toBe(1);
    await expectAccessible(page, "/audit filtered");

    // The same user on the day of the older event: only that one.
    await audit.open(`?target=${luciaId}&from=2020-01-15&to=2020-01-15`);
    expect(await audit.sentences()).toEqual(["System unblocked Lucía Núñez"]);

    // A refused filter is dropped and named; the rest still applies.
    await audit.open(`?target=${luciaId}&from=1999-02-30`);
    await page
      .getByRole("alert")
      .getByText(/start date/)
      .waitFor();
    expect((await audit.sentences()).length).toBe(3);

    // The export keeps the filters and is fetched with this page's session.
    await audit.open(`?target=${luciaId}&from=${today()}&to=${today()}`);
    const href = await audit.exportHref();
    expect(href).toBe(`/audit/export?target=${luciaId}&from=${today()}&to=${today()}`);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="audit-log-${today()}.csv"`);
    const text = (await response.body()).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header.slice(0, 7)).toEqual(["Event ID", "Time (UTC)", "Action code", "Event", "Actor kind", "Actor", "Target"]);
    expect(rows.map((r) => r[3])).toEqual(["Ada Auditor reactivated Lucía Núñez", "Ada Auditor deactivated Lucía Núñez"]);
    expect(rows.map((r) => r[2])).toEqual(["user.reactivated", "user.deactivated"]);

    // A field that a spreadsheet would run as a formula is escaped.
    const formula = await page.request.get(`/audit/export?q=${encodeURIComponent("=SUM(1)")}&action=user.deactivated`);
    const [, ...formulaRows] = parseCsv((await formula.body()).toString("utf8").slice(1));
    expect(formulaRows.length).toBe(1);
    expect(formulaRows[0][6]).toBe("'=SUM(1) Formula");
    expect(formulaRows[0][3]).toBe("Ada Auditor deactivated =SUM(1) Formula");

    // The export is itself on record.
    const [exported] = await sql<{ n: number }>("select count(*)::int as n from audit_events where action = 'audit.exported'");
    expect(exported.n).toBe(2);
  });

  it("pages with Older and Newer links", async () => {
    // 60 events by the system on one day in 2021, so that the day alone fills more than one page.
    await sql(
      `insert into audit_events (at, action, actor_kind, actor_name, target_type, target_name)
       select timestamptz '2021-03-01 12:00:00Z' - n * interval '1 minute', 'user.locked', 'system', 'System', 'user', 'Paged ' || n
       from generate_series(1, 60) n`,
    );
    const audit = new AuditLogPage(page);
    await audit.open("?from=2021-03-01&to=2021-03-01");
    expect((await audit.sentences()).length).toBe(50);
    expect((await audit.sentences())[0]).toBe("System locked Paged 1");
    await page.getByRole("link", { name: "Older" }).click();
    await page.waitForURL((url) => url.searchParams.has("before"));
    expect(await audit.sentences()).toEqual(Array.from({ length: 10 }, (_, i) => `System locked Paged ${51 + i}`));
    expect(await page.getByRole("link", { name: "Older" }).count()).toBe(0);
    await expectAccessible(page, "/audit older page");
    await page.getByRole("link", { name: "Newer" }).click();
    await page.waitForURL((url) => url.searchParams.has("after"));
    expect((await audit.sentences())[0]).toBe("System locked Paged 1");
    expect(await page.getByRole("link", { name: "Newer" }).count()).toBe(0);
  });

  it("fits a phone and refuses the export to a user without audit.view", async () => {
    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
    phone.setDefaultTimeout(15_000);
    const small = await phone.newPage();
    await new LoginPage(small).open();
    await new LoginPage(small).signIn("audit.admin", PASSWORD);
    await expectPath(small, /^\/users$/);
    await new AuditLogPage(small).open(`?target=${luciaId}`);
    await expectAccessible(small, "/audit (phone)");
    // The event's sentence is on screen, its time above it, not pushed off the edge by a time column.
    const sentence = small.locator("tbody tr").first().locator("td:visible").first();
    expect(await sentence.locator("time").count()).toBe(1);
    const box = await sentence.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    // Days in the wrong order: the reason beside the end day, both days kept as typed.
    await new AuditLogPage(small).open("?from=2026-12-05&to=2026-12-01");
    const to = small.getByLabel("To", { exact: true });
    expect(await to.inputValue()).toBe("2026-12-01");
    expect(await to.getAttribute("aria-invalid")).toBe("true");
    expect(await small.locator("#audit-to-error").textContent()).toBe("The end date is before the start date.");
    expect(await small.getByLabel("From", { exact: true }).inputValue()).toBe("2026-12-05");
    // Neither day is applied, as the notice says: the log is shown whole, not emptied by the start day.
    expect(await small.locator("#audit-from-error").textContent()).toBe("The end date is before the start date.");
    expect(await small.locator("tbody tr").count()).toBeGreaterThan(0);
    await phone.close();

    await insertUser({ username: "audit.basic", firstName: "Bea", lastName: "Basic", password: "basic audit password 2026", roleKey: "basic" });
    const other = await newContext(browser, baseURL);
    const basic = await other.newPage();
    await new LoginPage(basic).open();
    await new LoginPage(basic).signIn("audit.basic", "basic audit password 2026");
    await expectPath(basic, /^\/(users|account)?$/);
    const refused = await basic.request.get("/audit/export");
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
    const [attempt] = await sql<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'authz_fail' and actor_name = 'Bea Basic (audit.basic)' and detail->>'attempted' = 'exportAuditEvents'",
    );
    expect(attempt.n).toBe(1);
    // Opened in the browser (a bookmark, a pasted link), the export sends them to the log's page,
    // which refuses as pages do, rather than showing them JSON.
    const opened = await basic.goto(`/audit/export?target=${luciaId}`);
    expect(opened?.status()).toBe(403);
    await expectPath(basic, /^\/audit$/);
    await expect.poll(() => basic.getByRole("heading", { level: 1 }).textContent()).toBe("You do not have access to this page");
    await other.close();
  });

  it("links from a user's recent activity to their full log", async () => {
    await page.goto(`/users/${luciaId}`);
    await page.getByRole("link", { name: "Audit log: all events about Lucía Núñez" }).click();
    await page.waitForURL((url) => url.pathname === "/audit" && url.searchParams.get("target") === luciaId);
    expect((await new AuditLogPage(page).sentences()).length).toBe(3);
  });
});
