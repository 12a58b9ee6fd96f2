/**
 * The page parameters and requests that used to end in a 500, sent as an attacker would, with a
 * signed-in administrator's cookie: each gets a 4xx answer with a message.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { LoginPage } from "./support/pages";

const baseURL = inject("baseURL");
let browser: Browser;
let page: Page;
let cookie = "";
let deletedId = "";

beforeAll(async () => {
  await insertUser({ username: "hostadmin", firstName: "Hostile", lastName: "Admin", password: "hostile admin password 7", roleKey: "administrator" });
  deletedId = await insertUser({ username: "goner", firstName: "Gone", lastName: "Soon", password: "gone soon password 77", roleKey: "basic" });
  await sql("delete from users where id = $1", [deletedId]);
  browser = await launchBrowser();
  const context = await newContext(browser, baseURL);
  page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.signIn("hostadmin", "hostile admin password 7");
  await page.waitForURL((url) => url.pathname === "/users");
  cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
});
afterAll(async () => {
  await browser?.close();
});

const get = (path: string) => fetch(`${baseURL}${path}`, { headers: { cookie }, redirect: "manual" });

describe("hostile page parameters", () => {
  const notFound = [
    "/users/not-a-uuid",
    "/users/00000000-0000-0000-0000-000000000000",
    "/users/not-a-uuid/edit",
    "/users/00000000-0000-0000-0000-000000000000/edit",
    "/users/not-a-uuid/permissions",
    "/users/00000000-0000-0000-0000-000000000000/permissions",
    "/roles/not-a-uuid",
    "/roles/00000000-0000-0000-0000-000000000000",
  ];
  // The 404 page of a page that calls notFound() is drawn in the browser: Next.js 16 answers 404 with
  // an empty document and the page's payload (vercel/next.js#62228), so the words are looked for there.
  it.each(notFound)("%s is the 404 page", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    await page.goto(`${baseURL}${path}`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    // The tab says so too, not the name of the page that was not found ("Role").
    expect(await page.title()).not.toMatch(/^(Role|User)\b/);
  });

  it("the page of a user just deleted is the 404 page", async () => {
    for (const suffix of ["", "/edit", "/permissions"]) expect((await get(`/users/${deletedId}${suffix}`)).status).toBe(404);
  });

  // In a query string, a control character is the page's to judge: the list stays, with the reason it was not applied.
  it.each(["/users?q=a%00b", "/audit?q=a%00b", "/audit?action=a%00b", "/users?q=%1F"])(
    "%s shows the page, saying why the filter was not applied",
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Remove the control characters (such as NUL) from this field.");
    },
  );

  it("a tab pasted into the search separates words, as a space", async () => {
    const html = await (await get("/users?q=ada%09lovelace")).text();
    expect(html).not.toContain("was not applied");
  });

  it.each(["/users/%E2%80%8B", "/roles/%E2%80%AE", "/users/%F0%9F%98%80", "/api/v1/users/%E2%80%8B"])(
    "%s, a character past Latin-1 in the path, is no 500",
    async (path) => {
      const res = await get(path);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toContain("Internal Server Error");
    },
  );

  it("a control character in a path is refused with 400 and a message", async () => {
    const res = await get("/users/a%00b");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("control characters");
  });

  it("a page past the end of the list says so and links to the first page, rather than 'no users yet'", async () => {
    const html = await (await get("/users?page=99999&status=active")).text();
    expect(html).toContain("There is nothing on this page: the list has fewer pages.");
    expect(html).not.toContain("There are no users yet.");
    expect(html).toContain('href="/users?status=active"');
    expect(html).not.toMatch(/Page \d+ of \d+/); // no pagination claiming a page beside it
  });

  it("a 10,000-character search shows the list and says the search was not applied", async () => {
    const res = await get(`/users?q=${"x".repeat(10_000)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("was not applied");
    // Two refused parameters: both reasons said, not only the first.
    const both = await (await get(`/audit?actor=not-a-uuid&q=${"y".repeat(250)}`)).text();
    expect(both).toContain("A search has at most 200 characters.");
    expect(both).toMatch(/was not applied: [^<]*Unknown[^<]*A search has at most 200 characters\./);
  });

  it("a 20 MB upload is refused with 413 and the limit, before the body is read", async () => {
    const started = Date.now();
    const res = await fetch(`${baseURL}/users/new`, {
      method: "POST",
      headers: { cookie, Origin: baseURL, "Next-Action": "0".repeat(40), "Content-Type": "application/octet-stream" },
      body: new Uint8Array(20 * 1024 * 1024),
    }).catch((error: unknown) => error as Error);
    // The server answers and closes without reading: fetch may see the answer or a reset socket.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(await res.text()).toMatch(/7 MB/);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a cross-origin server action is refused with 403", async () => {
    const res = await fetch(`${baseURL}/users`, {
      method: "POST",
      headers: { cookie, Origin: "https://evil.example", "Next-Action": "0".repeat(40), "Content-Type": "text/plain" },
      body: "[]",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Cross-site requests are refused");
  });

  it("names at their longest, without a space, break no page: the list keeps its columns in view, at 1440 and 390 wide", async () => {
    const [first, last] = ["L".repeat(100), "M".repeat(100)];
    const id = await insertUser({ username: "longest", firstName: first, lastName: last, password: "longest name password 7", roleKey: "basic" });
    await sql(
      `insert into audit_events (at, action, actor_kind, actor_id, actor_name, target_type, target_id, target_name, detail)
       values (now(), 'user.created', 'user', $1, $2, 'user', $1, $2, '{}')`,
      [id, `${first} ${last}`],
    );
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto(`${baseURL}/users?q=longest`);
      if (viewport.width === 1440) {
        // The name wraps; the columns after it stay on screen instead of behind a sideways scroll.
        const status = await page.getByRole("columnheader", { name: /^Status/ }).boundingBox();
        expect(status && status.x + status.width).toBeLessThanOrEqual(viewport.width);
      }
      await expectAccessible(page, `/users?q=longest at ${viewport.width}`);
      for (const path of [`/users/${id}`, "/audit?action=user.created"]) {
        await page.goto(`${baseURL}${path}`);
        await expectAccessible(page, `${path} at ${viewport.width}`);
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
