/**
 * The API as an administrator sets it up and another system uses it: a key made on
 * /settings/api-keys (shown once), used with fetch to create a user and assign two clients, the
 * user page listing those clients, the user then deleted in the browser through the reassignment
 * dialog; the reference at /api-docs; and a revoked key refused on its next request.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { expectPath, LoginPage } from "./support/pages";
import { UserListPage } from "./support/user-pages";

const baseURL = inject("baseURL");
const PASSWORD = "api admin password 2026";
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await insertUser({ username: "api.admin", firstName: "Irene", lastName: "Integrations", password: PASSWORD, roleKey: "administrator" });
  await insertUser({ username: "api.heir", firstName: "Hector", lastName: "Heir", password: "api heir password 2026", roleKey: "basic" });
  browser = await launchBrowser();
  context = await newContext(browser, baseURL);
  page = await context.newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).signIn("api.admin", PASSWORD);
  await expectPath(page, /^\/users$/);
});

afterAll(async () => {
  await browser?.close();
});

/** A call from "another system": Node's fetch, the key and nothing else (no cookie). */
async function api(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, type: res.headers.get("content-type"), json: res.status === 204 ? null : await res.json() };
}

describe("the REST API", () => {
  it("a key made in the console creates a user and assigns clients; the console deletes the user with reassignment", async () => {
    await page.goto("/settings/api-keys");
    await page.getByRole("heading", { name: "API keys", exact: true }).waitFor();
    await expectAccessible(page, "/settings/api-keys (empty)");
    await page.getByLabel("Name", { exact: true }).fill("CRM sync");
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "API Administrator" });
    await page.getByRole("button", { name: "Create key" }).click();
    const field = page.getByLabel("Your new API key “CRM sync”");
    await field.waitFor();
    const key = await field.inputValue();
    expect(key).toMatch(/^rk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page, "/settings/api-keys (key shown once)");
    const [stored] = await sql<{ key_hash: string; prefix: string }>("select key_hash, prefix from api_keys where name = 'CRM sync'");
    expect(stored.key_hash).not.toContain(key.slice(12));
    expect(key.startsWith(`rk_${stored.prefix}_`)).toBe(true);
    // A key revoked while its value is still on screen takes the value with it.
    await page.getByLabel("Name", { exact: true }).fill("Scratch key");
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "API Administrator" });
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("button", { name: "Revoke the key Scratch key" }).waitFor();
    expect(await page.getByLabel("Your new API key “Scratch key”").inputValue()).not.toBe(key);
    await page.getByRole("button", { name: "Revoke the key Scratch key" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByLabel("Your new API key").waitFor({ state: "detached" });
    await page.reload();
    expect(await page.getByLabel("Your new API key").count()).toBe(0);
    await page.getByRole("cell", { name: /^CRM sync rk_/ }).waitFor();

    // The other system: create a user, then assign two clients.
    const roles = await api(key, "GET", "/roles");
    const basic = roles.json.data.find((r: { key: string }) => r.key === "basic");
    const created = await api(key, "POST", "/users", {
      firstName: "Carla",
      lastName: "Cliente",
      username: "carla.cliente",
      email: "carla@example.com",
      roleId: basic.id,
      access: "invite",
      inviteMethod: "link",
    });
    expect(created.status).toBe(201);
    const userId = created.json.user.id;
    for (const [name, externalId] of [
      ["Acme Corp", "CRM-1001"],
      ["Globex", "CRM-1002"],
    ])
      expect((await api(key, "POST", "/clients", { name, externalId, ownerId: userId })).status).toBe(201);
    const blocked = await api(key, "DELETE", `/users/${userId}`);
    expect(blocked.status).toBe(403); // API Administrator has no users.delete
    expect(blocked.type).toBe("application/problem+json");

    // The user page lists the clients.
    await page.goto(`/users/${userId}`);
    await page.getByRole("heading", { name: "Assigned clients (2)" }).waitFor();
    await page.getByText("CRM-1002").waitFor();
    await expectAccessible(page, "user page with clients");

    // Delete in the browser: the dialog lists the clients and needs an heir.
    const list = new UserListPage(page);
    await list.open("?q=carla.cliente");
    await list.rowAction("Carla Cliente", "Delete user");
    await list.dialog().getByText("Globex").waitFor();
    await list.dialog().getByLabel("Search users for: Reassign all clients to").fill("hector");
    await page.getByRole("option", { name: /Hector Heir/ }).click();
    await list.dialog().getByRole("button", { name: "Reassign clients and delete" }).click();
    await expect.poll(async () => (await sql("select count(*)::int as n from users where id = $1", [userId]))[0]).toEqual({ n: 0 });
    const [heir] = await sql<{ id: string }>("select id from users where username = 'api.heir'");
    const moved = await api(key, "GET", `/clients?owner=${heir.id}&limit=10`);
    expect(moved.json.data.map((c: { name: string; owner: { username: string } }) => [c.name, c.owner.username])).toEqual([
      ["Acme Corp", "api.heir"],
      ["Globex", "api.heir"],
    ]);
    const [event] = await sql<{ actor_kind: string; actor_name: string }>(
      "select actor_kind, actor_name from audit_events where action = 'user.created' and target_id = $1",
      [userId],
    );
    expect(event).toEqual({ actor_kind: "apiKey", actor_name: "API key “CRM sync”" });

    // Last use is shown; revoking asks first, and the key is refused on its next request.
    await page.goto("/settings/api-keys");
    await page
      .getByRole("row", { name: /CRM sync/ })
      .getByText("127.0.0.1")
      .waitFor();
    await page.getByRole("button", { name: "Revoke the key CRM sync" }).click();
    await page.getByRole("dialog").getByText("Revoke CRM sync?").waitFor();
    await expectAccessible(page, "revoke dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page
      .getByRole("row", { name: /CRM sync/ })
      .getByText("Revoked", { exact: true })
      .waitFor();
    const refused = await api(key, "GET", "/users");
    expect(refused.status).toBe(401);
    expect(refused.json.detail).toBe("This API key has been revoked.");
  });

  it("the reference at /api-docs renders from this origin, and the session cookie opens no API door", async () => {
    await page.goto("/api-docs");
    await page.getByRole("heading", { name: "API reference" }).waitFor();
    await page.getByText("Rollcall API").first().waitFor({ timeout: 20_000 });
    await page.getByText("/users/{id}/clients/reassign").first().waitFor();
    // One main landmark, the page's: Swagger UI's own <main> is a named region.
    expect(await page.getByRole("main").count()).toBe(1);
    await page.getByRole("region", { name: "Operations" }).waitFor();
    await expectAccessible(page, "/api-docs");
    const external = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => !e.name.startsWith(location.origin)).length);
    expect(external).toBe(0);
    const withCookie = await page.request.get("/api/v1/users");
    expect(withCookie.status()).toBe(401);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/settings/api-keys");
    await expectAccessible(page, "/settings/api-keys at 390 px");
  });
});
