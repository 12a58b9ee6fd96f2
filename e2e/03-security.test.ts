import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { waitForEmail } from "./support/inbox";
import { expectPath, LoginPage } from "./support/pages";
import { UserListPage } from "./support/user-pages";

const baseURL = inject("baseURL");
let browser: Browser;
const LOCKY = { username: "locky", firstName: "Lola", lastName: "Lock", password: "tangerine bicycle window 88", roleKey: "basic", email: "locky@example.com" };

beforeAll(async () => {
  await insertUser({ username: "secadmin", firstName: "Sec", lastName: "Admin", password: "secadmin password for e2e", roleKey: "administrator" });
  await insertUser(LOCKY);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("account security", () => {
  it("locks a user after 6 wrong passwords, answering like a wrong password, and an administrator unblocks them", async () => {
    const userContext = await newContext(browser, baseURL);
    const page = await userContext.newPage();
    const login = new LoginPage(page);
    await login.open();
    const failures = async () => (await sql<{ n: number }>("select failed_login_count as n from users where username = 'locky'"))[0].n;
    for (let i = 1; i <= 6; i++) {
      await login.signIn("locky", `wrong password number ${i}`);
      await expect.poll(failures).toBe(i);
      await expect.poll(() => login.alert().textContent()).toBe("Wrong username, e-mail or password.");
    }
    // Locked: the right password is refused with the very same words.
    const attempts = async () =>
      (await sql<{ n: number }>("select count(*)::int as n from audit_events where action = 'auth.sign_in_failed' and target_name = 'Lola Lock'"))[0].n;
    await login.signIn("locky", LOCKY.password);
    await expect.poll(attempts).toBe(7);
    expect(await login.alert().textContent()).toBe("Wrong username, e-mail or password.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await sql("select lock_reason, failed_login_count from users where username = 'locky'")).toEqual([
      { lock_reason: "failed_logins", failed_login_count: 6 },
    ]);
    const locked = await waitForEmail(LOCKY.email, /account is locked/);
    expect(locked.body.text).toMatch(/more than 5 times/);

    // The administrator finds the user under "Locked", sees why, and unblocks with a reset link.
    const adminContext = await newContext(browser, baseURL);
    const admin = await adminContext.newPage();
    await new LoginPage(admin).open();
    await new LoginPage(admin).signIn("secadmin", "secadmin password for e2e");
    await expectPath(admin, /^\/users$/);
    const list = new UserListPage(admin);
    await list.open("?status=locked");
    expect(await list.rowNames()).toEqual(["Lola Lock"]);
    await admin.locator("tbody").getByText("Locked").waitFor();
    await expectAccessible(admin, "/users?status=locked");
    await admin.getByRole("link", { name: "Lola Lock" }).click();
    await admin.getByText(/Locked since .*: 6 wrong passwords in a row/).waitFor();
    expect(await admin.getByText(/from 127\.0\.0\.1 \(wrong password\)/).count()).toBeGreaterThanOrEqual(5);
    await expectAccessible(admin, "/users/[id] locked");
    await admin.getByRole("button", { name: "Unblock user" }).click();
    await admin.getByLabel("Also send a password-reset link").check();
    await expectAccessible(admin, "unblock dialog");
    await admin.getByRole("dialog").getByRole("button", { name: "Unblock user" }).click();
    await admin.getByText("User unblocked; a password-reset link is on its way.", { exact: true }).waitFor();
    const unblocked = await waitForEmail(LOCKY.email, /account is unblocked/);
    expect(unblocked.links.some((l) => l.startsWith(`${baseURL}/password/reset/`))).toBe(true);

    // Access is back.
    await login.signIn("locky", LOCKY.password);
    await expectPath(page, /^\/account$/);
    await userContext.close();
    await adminContext.close();
  });

  it("sends a user whose password is older than 120 days to /password/change, and nothing else is reachable", async () => {
    await insertUser({ username: "oldpass", firstName: "Old", lastName: "Pass", password: "marble canyon seventeen geese", roleKey: "basic" });
    await sql("update users set password_changed_at = now() - interval '121 days' where username = 'oldpass'");
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("oldpass", "marble canyon seventeen geese");
    await expectPath(page, /^\/password\/change$/);
    await page.getByText("Your password has expired").waitFor();
    await expectAccessible(page, "/password/change (expired)");
    await page.goto("/account");
    await expectPath(page, /^\/password\/change$/);
    await page.getByLabel("Current password").fill("marble canyon seventeen geese");
    await page.getByLabel("New password", { exact: true }).fill("marble canyon seventeen geese");
    await page.getByLabel("Repeat new password").fill("marble canyon seventeen geese");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Choose a password different from the current one.").waitFor();
    // The refused password is not called "Strong enough" beside its error.
    expect(await page.getByText("Strong enough.").count()).toBe(0);
    await page.getByLabel("Current password").fill("marble canyon seventeen geese");
    await page.getByLabel("New password", { exact: true }).fill("copper lantern drifts at dawn");
    await page.getByLabel("Repeat new password").fill("copper lantern drifts at dawn");
    await page.getByRole("button", { name: "Change password" }).click();
    await expectPath(page, /^\/account\/password$/);
    await page.getByText("Your password was changed.").waitFor();
    await context.close();
  });

  it("takes an administrator whose password had to change on to the console once it has", async () => {
    await insertUser({ username: "mustadmin", firstName: "Must", lastName: "Change", password: "violet harbor nine owls", roleKey: "administrator" });
    await sql("update users set must_change_password = true where username = 'mustadmin'");
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("mustadmin", "violet harbor nine owls");
    await expectPath(page, /^\/password\/change$/);
    await page.getByLabel("Current password").fill("violet harbor nine owls");
    await page.getByLabel("New password", { exact: true }).fill("amber meadow quietly folds");
    await page.getByLabel("Repeat new password").fill("amber meadow quietly folds");
    await page.getByRole("button", { name: "Change password" }).click();
    await expectPath(page, /^\/users$/);
    // The console is not the form that changed it: a toast says it did, once.
    await page.getByText("Your password was changed. Your other sessions have been signed out.").first().waitFor();
    expect(await page.evaluate(() => document.cookie)).not.toContain("rollcall-notice");
    await context.close();
  });

  it("lets a user held at /password/change sign out instead", async () => {
    await insertUser({ username: "notnow", firstName: "Not", lastName: "Now", password: "granite harbor ninety owls", roleKey: "basic" });
    await sql("update users set must_change_password = true where username = 'notnow'");
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn("notnow", "granite harbor ninety owls");
    await expectPath(page, /^\/password\/change$/);
    await page.getByRole("button", { name: "Not now: sign out" }).click();
    await expectPath(page, /^\/login/);
    await page.goto("/account");
    await expectPath(page, /^\/login/);
    await context.close();
  });

  it("answers too many sign-in attempts from one address with 429 and Retry-After", async () => {
    await sql(
      "insert into rate_limits (key, count, window_started_at) values ('sign-in:ip:127.0.0.1', 999, now()) on conflict (key) do update set count = 999, window_started_at = now()",
    );
    const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { Origin: baseURL },
      body: new URLSearchParams({ identifier: "x", password: "y" }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    await sql("delete from rate_limits");
  });

  it("refuses a cross-site post to the sign-in endpoint", async () => {
    const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ identifier: "locky", password: "whatever" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("sends security headers", async () => {
    const res = await fetch(`${baseURL}/login`);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const token = await fetch(`${baseURL}/password/reset/abc`);
    expect(token.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
