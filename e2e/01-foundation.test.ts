import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { sql } from "./support/db";
import { expectPath, LoginPage, SetupPage, Shell, visitAndCheck } from "./support/pages";

const baseURL = inject("baseURL");
const admin = {
  firstName: "Ada",
  lastName: "Lovelace",
  username: "ada",
  email: "ada@example.com",
  password: "analytical engine punch cards",
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("foundation", () => {
  it("goes setup → sign in → sign out, refuses a second setup, and passes axe-core on each page", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();

    // An empty installation sends everyone to /setup.
    await page.goto("/");
    await expectPath(page, /^\/setup$/);
    await expectAccessible(page, "/setup");

    // Invalid input: each field says what is wrong; nothing is written.
    const setup = new SetupPage(page);
    await setup.fill({ ...admin, password: "short", confirmPassword: "different" });
    await setup.submit();
    await expect.poll(() => setup.fieldError("password").textContent()).toMatch(/at least 12 characters/);
    expect(await setup.fieldError("confirmPassword").textContent()).toMatch(/do not match/);
    expect(await page.getByLabel("Username").inputValue()).toBe("ada"); // what was typed is kept
    await expectAccessible(page, "/setup with errors");
    expect(await sql("select count(*)::int as n from users")).toEqual([{ n: 0 }]);

    await setup.fill(admin);
    await setup.submit();
    await expectPath(page, /^\/users$/);
    await expectAccessible(page, "/users (empty)");
    await visitAndCheck(page, "/audit");
    expect(await page.getByRole("cell", { name: "setup.completed" }).count()).toBe(1);
    expect(await new Shell(page).nav().getByRole("link").allTextContents()).toEqual(["Users", "Roles", "Branches", "Teams", "Audit", "Reports", "Settings"]);

    await visitAndCheck(page, "/account");
    expect(await page.getByText("ada@example.com").count()).toBe(1);

    const cookiesBefore = await context.cookies();
    await new Shell(page).signOut("Ada Lovelace");
    await page.getByText("You have signed out.", { exact: true }).waitFor();
    await expectAccessible(page, "/login");

    // Signing out ends the session on the server: the old cookie, replayed, is refused.
    const replay = await newContext(browser, baseURL);
    await replay.addCookies(cookiesBefore.filter((c) => c.name.includes("session-token")));
    const replayed = await replay.newPage();
    await replayed.goto("/account");
    await expectPath(replayed, /^\/login$/);
    await replay.close();
    const events = await sql("select action from audit_events order by id");
    expect(events.map((e) => e.action as string)).toEqual(["setup.completed", "auth.sign_in", "auth.sign_out"]);

    // Setup is gone once an Administrator exists.
    const again = await page.goto("/setup");
    expect(again?.status()).toBe(404);
    await expectAccessible(page, "/setup after setup");

    // A signed-out visitor is sent to /login, and comes back where they were going.
    await page.goto("/account");
    await expectPath(page, /^\/login$/);
    const login = new LoginPage(page);
    await login.signIn("ada", "not the password at all");
    await expect.poll(() => login.alert().textContent()).toBe("Wrong username, e-mail or password.");
    await expectAccessible(page, "/login with error");
    await login.signIn("ADA@example.com", admin.password);
    await expectPath(page, /^\/account$/);
    await context.close();
  });

  it("refuses a session on its next request once the user is set inactive in the database", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("ada", admin.password);
    await expectPath(page, /^\/users$/);

    await sql("update users set status = 'inactive' where username = 'ada'");
    await page.goto("/account");
    await expectPath(page, /^\/login$/);
    await sql("update users set status = 'active' where username = 'ada'");
    await context.close();
  });

  it("sends a visitor with a tampered session cookie to /login, never a 500", async () => {
    const context = await newContext(browser, baseURL);
    const url = new URL(baseURL);
    await context.addCookies([{ name: "authjs.session-token", value: "tampered.not-a-jwt", domain: url.hostname, path: "/" }]);
    const page = await context.newPage();
    const response = await page.goto("/audit");
    expect(response?.status()).toBeLessThan(500);
    await expectPath(page, /^\/login$/);
    await context.close();
  });

  it("answers the health check", async () => {
    const res = await fetch(`${baseURL}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});
