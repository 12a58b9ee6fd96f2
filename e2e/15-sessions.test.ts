/**
 * Sessions you can see and end: a user signed in from two browsers sees both on their account and
 * signs the other one out (its next request goes to /login); an administrator signs a user out
 * everywhere from the user page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { expectPath, LoginPage } from "./support/pages";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  await insertUser({ username: "tomas.sess", firstName: "Tomás", lastName: "Torres", password: "tomas sessions password 2026", roleKey: "basic" });
  await insertUser({ username: "sess.admin", firstName: "Sara", lastName: "Sessions", password: "sessions admin password 2026", roleKey: "administrator" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, password: string, userAgent?: string) {
  const context = await newContext(browser, baseURL);
  if (userAgent) await context.setExtraHTTPHeaders({ "user-agent": userAgent });
  const page = await context.newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).signIn(username, password);
  await page.waitForURL((u) => u.pathname !== "/login");
  return page;
}

describe("sessions", () => {
  it("a user ends their other session; an administrator ends all of a user's sessions", async () => {
    const laptop = await signedIn("tomas.sess", "tomas sessions password 2026");
    const phone = await signedIn(
      "tomas.sess",
      "tomas sessions password 2026",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    );
    await laptop.goto("/account/sessions");
    await laptop.getByRole("heading", { name: "Sessions (2)" }).waitFor();
    await laptop.getByText("Safari 17 on iOS 17.5").waitFor();
    await expectAccessible(laptop, "/account/sessions");
    await laptop.getByRole("button", { name: /^Sign out the session of Safari 17/ }).click();
    await laptop.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
    await laptop.getByRole("heading", { name: "Sessions (1)" }).waitFor();
    await phone.goto("/account/sessions");
    await expectPath(phone, /^\/login$/);
    await phone.getByText(/^Your session has ended/).waitFor(); // not a bare sign-in form

    // Signed in again on the phone; the administrator signs Tomás out everywhere.
    await new LoginPage(phone).signIn("tomas.sess", "tomas sessions password 2026");
    await phone.waitForURL((u) => u.pathname !== "/login");
    const admin = await signedIn("sess.admin", "sessions admin password 2026");
    const [{ id }] = await sql<{ id: string }>("select id from users where username = 'tomas.sess'");
    await admin.goto(`/users/${id}`);
    await admin.getByRole("heading", { name: "Sessions (2)" }).waitFor();
    await admin.getByRole("button", { name: "Sign out everywhere" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await admin.getByRole("heading", { name: "Sessions", exact: true }).waitFor();
    for (const page of [laptop, phone]) {
      await page.goto("/account/sessions");
      await expectPath(page, /^\/login$/);
    }
    const [ended] = await sql<{ n: number }>("select count(*)::int as n from audit_events where action = 'session.ended'");
    expect(ended.n).toBe(2);
  });
});
