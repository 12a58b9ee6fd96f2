/**
 * The console on a phone, in Spanish, and in the dark: the users flow at 390×844 for an
 * administrator whose language is Spanish (every label read from the Spanish catalogs), the ⋮ menu
 * of the last row of a one-user list reaching "Delete", and axe-core in the dark theme. Every page
 * checked with expectAccessible is also checked for horizontal scroll.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { expectPath } from "./support/pages";
import { UserFormPage } from "./support/user-pages";

const baseURL = inject("baseURL");
const DOMAIN_ES = JSON.parse(readFileSync("messages/es/domain.json", "utf8")) as { exact: Record<string, string> };
let browser: Browser;

/** A Spanish string from the catalogs, with {placeholders} filled. */
function es(namespace: string, key: string, values: Record<string, string> = {}): string {
  for (const side of ["client", "server"]) {
    try {
      const catalog = JSON.parse(readFileSync(`messages/es/${side}/${namespace}.json`, "utf8"));
      const text = key.split(".").reduce((node, part) => node?.[part], catalog) as string | undefined;
      if (typeof text === "string") return Object.entries(values).reduce((s, [k, v]) => s.split(`{${k}}`).join(v), text);
    } catch {}
  }
  throw new Error(`No Spanish text for ${namespace}.${key}`);
}

async function signedIn(context: BrowserContext, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#field-identifier").fill(username);
  await page.locator("#field-password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/users");
  return page;
}

beforeAll(async () => {
  await insertUser({ username: "ana", firstName: "Ana", lastName: "Administradora", password: "ana admin password 2026", roleKey: "administrator" });
  await sql("update users set language = 'es' where username = 'ana'");
  await insertUser({ username: "darkadmin", firstName: "Dana", lastName: "Dark", password: "dark admin password 2026", roleKey: "administrator" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("on a phone, in Spanish", () => {
  it("creates, finds, deactivates, reactivates and deletes a user at 390×844", async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, locale: "es-PA" });
    context.setDefaultTimeout(15_000);
    const page = await signedIn(context, "ana", "ana admin password 2026");
    await page.getByRole("heading", { name: es("UsersList", "title"), exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
    await expectAccessible(page, "/users (es, phone)");

    // The sections live in a menu button on a phone.
    await page.getByRole("button", { name: es("ShellMenus", "menu"), exact: true }).click();
    await page.getByRole("menuitem", { name: es("Shell", "nav.roles") }).click();
    await expectPath(page, /^\/roles$/);
    await expectAccessible(page, "/roles (es, phone)");

    await page.goto("/users/new");
    await expectAccessible(page, "/users/new (es, phone)");
    const form = new UserFormPage(page);
    await form.fillText({
      firstName: "Tomás",
      lastName: "Quintero",
      username: "tq",
      email: "tomas@example.com",
      phone: "+507 6123-9876",
      birthday: "1999-02-28",
      password: "mango lighthouse violin 77",
      confirmPassword: "mango lighthouse violin 77",
    });
    await form.select({ roleId: "Basic" });
    await page.getByRole("button", { name: es("UsersForm", "create") }).click();
    // A refusal from the domain, next to its field and in Spanish; focus goes to that field.
    await expect.poll(() => form.error("username").textContent()).toBe(DOMAIN_ES.exact["A username has at least 3 characters."]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-username");
    expect(await form.field("firstName").inputValue()).toBe("Tomás");
    await expectAccessible(page, "/users/new with an error (es, phone)");
    await form.fillText({ username: "tquintero" });
    await page.getByRole("button", { name: es("UsersForm", "create") }).click();
    await expectPath(page, /^\/users\/[0-9a-f-]{36}$/);
    await expectAccessible(page, "/users/[id] (es, phone)");
    // One format for phone numbers everywhere.
    expect(await page.locator("main").getByText("+507 6123 9876", { exact: true }).count()).toBeGreaterThan(0);

    // On a phone the selects fold under "Filtros", which names those set: the first screen shows users.
    await page.goto("/users?q=quintero&status=active");
    expect(await page.locator("#users-status").isVisible()).toBe(false);
    await page
      .getByRole("search")
      .getByText(`${es("UsersList", "filters")}: ${es("UsersStatus", "active")}`, { exact: true })
      .click();
    await page.locator("#users-status").waitFor();
    await expectAccessible(page, "/users with its filters open (es, phone)");
    // Escape from a select folds them away again, the focus back on the summary.
    await page.locator("#users-role").focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#users-status").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    // A phone sees two columns: it sorts by the others from the header's menu.
    await page.goto("/users");
    await page.getByRole("button", { name: es("Ui", "sortBy"), exact: true }).click();
    await page.getByRole("menuitem", { name: `${es("UsersList", "columns.registeredAt")} ↓` }).click();
    await expectPath(page, /^\/users$/);
    await expect.poll(() => new URL(page.url()).search).toBe("?sort=registeredAt&dir=desc");
    // …and sees each row's value of that column under its e-mail (a registration date: "3 dic 2026").
    const sortedBy = page.locator("tbody tr").first().locator("td > a + span + span");
    await expect.poll(() => sortedBy.isVisible()).toBe(true);
    expect(await sortedBy.textContent()).toMatch(/^\d{1,2} \S+ \d{4}$/);
    await expectAccessible(page, "/users sorted by registration (es, phone)");
    await page.goto("/users?q=quintero");
    const name = "Tomás Quintero";
    await page.getByRole("button", { name: es("UsersActions", "actionsFor", { name }) }).click();
    await page.getByRole("menuitem", { name: es("UsersActions", "menu.deactivate") }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: es("UsersActions", "deactivate.confirm") })
      .click();
    await expect.poll(async () => (await sql<{ status: string }>("select status from users where username = 'tquintero'"))[0].status).toBe("inactive");
    await page.getByRole("button", { name: es("UsersActions", "actionsFor", { name }) }).click();
    await page.getByRole("menuitem", { name: es("UsersActions", "menu.reactivate") }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: es("UsersActions", "reactivate.confirm") })
      .click();
    await expect.poll(async () => (await sql<{ status: string }>("select status from users where username = 'tquintero'"))[0].status).toBe("active");
    // The card says Active once the toast is there: they arrive together.
    await page
      .getByRole("status")
      .filter({ hasText: /./ })
      .first()
      .waitFor()
      .catch(() => {});
    expect(await page.locator("main").getByText(es("UsersStatus", "active"), { exact: true }).count()).toBeGreaterThan(0);

    // The ⋮ menu of the last (and only) row is whole on a phone: Delete is reachable.
    const trigger = page.getByRole("button", { name: es("UsersActions", "actionsFor", { name }) });
    await trigger.click();
    const remove = page.getByRole("menuitem", { name: es("UsersActions", "menu.delete") });
    const box = await remove.boundingBox();
    expect(box && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await remove.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: es("UsersActions", "delete.title", { name }) }).waitFor();
    await expectAccessible(page, "delete dialog (es, phone)");
    await dialog.getByRole("button", { name: es("UsersActions", "delete.confirm") }).click();
    await expect.poll(async () => (await sql<{ n: number }>("select count(*)::int as n from users where username = 'tquintero'"))[0].n).toBe(0);
    await context.close();
  });
});

describe("at 1440×900", () => {
  it("opens the ⋮ menu on the last row of a one-user list and reaches Delete without scrolling inside the table", async () => {
    await insertUser({ username: "lastrow", firstName: "Lara", lastName: "Lastrow", password: "last row password 2026", roleKey: "basic" });
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    const page = await signedIn(context, "darkadmin", "dark admin password 2026");
    await page.goto("/users?q=lastrow");
    await page.getByRole("button", { name: "Actions for Lara Lastrow" }).click();
    const remove = page.getByRole("menuitem", { name: "Delete user" });
    const box = await remove.boundingBox();
    expect(box && box.y + box.height <= 900).toBe(true);
    await remove.click();
    await page.getByRole("dialog").getByRole("heading", { name: "Delete Lara Lastrow?" }).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
    await expect.poll(async () => (await sql<{ n: number }>("select count(*)::int as n from users where username = 'lastrow'"))[0].n).toBe(0);
    // The list stays as it was, its search kept, one row shorter (it used to go back to the whole list).
    await page.getByText("No users match this search.").waitFor();
    expect(new URL(page.url()).search).toBe("?q=lastrow");
    // No row is left to take its place: the focus goes to the list's heading, not to the page's start.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("users-title");
    await context.close();
  });

  it("empties every filter on Clear filters, the selects too, and gives the focus to the search field", async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    const page = await signedIn(context, "darkadmin", "dark admin password 2026");
    for (const [path, search, select] of [
      ["/users?q=dana&status=active", "#users-q", "#users-status"],
      ["/audit?q=dana&action=user.created", "#audit-q", "#audit-action"],
    ]) {
      await page.goto(path);
      await page.getByRole("search").getByRole("link", { name: "Clear filters" }).click();
      await page.waitForURL((url) => url.search === "");
      // A select kept "Active" through the client-side navigation, over a list of everyone.
      await expect.poll(() => page.locator(select).inputValue()).toBe("");
      expect(await page.locator(search).inputValue()).toBe("");
      await expect.poll(() => page.evaluate(() => `#${document.activeElement?.id}`)).toBe(search);
    }
    await context.close();
  });
});

describe("filters and language", () => {
  it("filters to an address that says only what filters it, the focus kept where it was", async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    const page = await signedIn(context, "darkadmin", "dark admin password 2026");
    await page.locator("#users-status").selectOption("active");
    await page.locator("#users-q").fill("dana");
    await page.locator("#users-q").press("Enter");
    // Not "?q=dana&status=active&roleId=&branchId=&teamId=&pageSize=25&sort=name&dir=asc".
    await page.waitForURL((url) => url.search === "?q=dana&status=active");
    // The fields were drawn again for the new values; the focus stayed in the search field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("users-q");
    await page.locator("#users-status").selectOption("");
    await page.getByRole("search").getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.search === "?q=dana");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Apply");
    await page.goto("/audit");
    await page.locator("#audit-action").selectOption("user.created");
    await page.getByRole("search").getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.search === "?action=user.created");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Filter");
    await context.close();
  });

  it("switches the console to Spanish and back from the profile menu, saved as the account's language", async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    const page = await signedIn(context, "darkadmin", "dark admin password 2026");
    await page.getByRole("button", { name: /profile menu/ }).click();
    await page.getByRole("menuitem", { name: "Ver en español" }).click();
    await page.getByRole("heading", { name: es("UsersList", "title"), exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
    expect((await sql<{ language: string }>("select language from users where username = 'darkadmin'"))[0].language).toBe("es");
    await page.reload();
    await page.getByRole("heading", { name: es("UsersList", "title"), exact: true }).waitFor();
    await page.getByRole("button", { name: /menú de perfil/ }).click();
    await page.getByRole("menuitem", { name: "View in English" }).click();
    await page.getByRole("heading", { name: "Users", exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect((await sql<{ language: string }>("select language from users where username = 'darkadmin'"))[0].language).toBe("en");
    await context.close();
  });
});

describe("in the dark theme", () => {
  it("passes axe-core (contrast included) on the main pages", async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, colorScheme: "dark" });
    const page = await signedIn(context, "darkadmin", "dark admin password 2026");
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    for (const path of ["/users", "/users/new", "/roles", "/settings/security", "/account"]) {
      await page.goto(path);
      await expectAccessible(page, `${path} (dark)`);
    }
    // The profile menu switches to light, and remembers it; then gives the choice back to the system.
    const profile = page.getByRole("button", { name: /profile menu/ });
    await profile.click();
    expect(await page.getByRole("menuitem", { name: "Follow the system's theme" }).count()).toBe(0);
    await page.getByRole("menuitem", { name: "Use the light theme" }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    await profile.click();
    await page.getByRole("menuitem", { name: "Use the dark theme" }).waitFor();
    await page.getByRole("menuitem", { name: "Follow the system's theme" }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await context.close();
  });
});
