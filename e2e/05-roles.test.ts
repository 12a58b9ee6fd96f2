import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { assignRole, insertApiKey, insertRole, insertUser, sql } from "./support/db";
import { expectPath, LoginPage, Shell, visitAndCheck } from "./support/pages";
import { UserFormPage } from "./support/user-pages";

const baseURL = inject("baseURL");
let browser: Browser;
let admin: Page;

async function signedIn(username: string, password: string) {
  const page = await (await newContext(browser, baseURL)).newPage();
  page.on("dialog", (d) => d.accept());
  await new LoginPage(page).open();
  await new LoginPage(page).signIn(username, password);
  await page.waitForURL((u) => u.pathname !== "/login");
  return page;
}

beforeAll(async () => {
  await insertUser({ username: "roleadmin", firstName: "Rho", lastName: "Admin", password: "role admin password e2e", roleKey: "administrator" });
  browser = await launchBrowser();
  admin = await signedIn("roleadmin", "role admin password e2e");
});
afterAll(async () => {
  await browser?.close();
});

describe("roles and permissions", () => {
  it("creates a custom role and assigns it to a user", async () => {
    await visitAndCheck(admin, "/roles");
    await admin.getByRole("link", { name: "Create role" }).click();
    await expectPath(admin, /^\/roles\/new$/);
    await expectAccessible(admin, "/roles/new");
    await admin.getByLabel("Name").fill("Auditors");
    await admin.getByLabel("Description").fill("Read users and the audit log");
    for (const label of ["View users", "View audit log", "Reports"]) await admin.getByLabel(label, { exact: true }).check();
    await admin.getByRole("button", { name: "Create role" }).click();
    await admin.getByText(/^Role created\./).waitFor();
    await expectAccessible(admin, "/roles/[id]");
    const [role] = await sql<{ id: string }>("select id from roles where name = 'Auditors'");
    expect(
      (await sql<{ permission: string }>("select permission from role_permissions where role_id = $1 order by 1", [role.id])).map((r) => r.permission),
    ).toEqual(["audit.view", "reports", "users.view"]);

    const userId = await insertUser({ username: "auditor1", firstName: "Aud", lastName: "Itor", password: "auditor password e2e one", roleKey: "basic" });
    await admin.goto(`/users/${userId}/edit`);
    await new UserFormPage(admin).select({ roleId: "Auditors (custom)" });
    await new UserFormPage(admin).submit("Update user");
    await admin.getByText("Changes saved.").waitFor();
    expect(await sql("select role_id from users where id = $1", [userId])).toEqual([{ role_id: role.id }]);
    await admin.goto("/roles");
    expect(
      await admin
        .getByRole("row", { name: /Auditors/ })
        .getByRole("cell")
        .nth(2)
        .textContent(),
    ).toBe("1");

    // Deleting it waits until nobody holds it, and shows who still does.
    await admin.goto(`/roles/${role.id}`);
    await admin.getByRole("button", { name: "Delete role" }).click();
    let dialog = admin.getByRole("dialog", { name: "Delete the role Auditors?" });
    await dialog.getByText("1 user holds it: give them another role first.").waitFor();
    expect(await dialog.getByRole("button", { name: "Delete role" }).isDisabled()).toBe(true);
    await dialog.getByRole("link", { name: "Show them in the user list, where you can give them another role." }).click();
    await expectPath(admin, /^\/users$/);
    expect(new URL(admin.url()).searchParams.get("roleId")).toBe(role.id);
    await admin.getByRole("link", { name: "Aud Itor" }).waitFor();
    await sql("update users set role_id = (select id from roles where key = 'basic') where id = $1", [userId]);
    await admin.goto(`/roles/${role.id}`);
    await admin.getByRole("button", { name: "Delete role" }).click();
    dialog = admin.getByRole("dialog", { name: "Delete the role Auditors?" });
    await dialog.getByRole("button", { name: "Delete role" }).click();
    await expectPath(admin, /^\/roles$/);
    await admin.getByText("Role deleted.", { exact: true }).waitFor();
    // Its page gone, the focus lands on the list's heading, not the page's start.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe("roles-title");
    expect(await sql("select id from roles where id = $1", [role.id])).toEqual([]);
  });

  it("copies a user's permissions to another after showing exactly what changes", async () => {
    const source = await insertUser({
      username: "buyer1",
      firstName: "Bea",
      lastName: "Buyer",
      password: "buyer password e2e one",
      roleKey: "purchasing_intermediate",
    });
    await sql("insert into user_permissions (user_id, permission, effect) values ($1, 'reports', 'grant')", [source]);
    const target = await insertUser({ username: "newbie1", firstName: "Nico", lastName: "Newbie", password: "newbie password e2e one", roleKey: "basic" });
    await visitAndCheck(admin, `/users/${target}/permissions`);
    await admin.getByLabel("Search users for: Copy from").fill("buyer1");
    await admin.getByRole("option", { name: /Bea Buyer/ }).click();
    await admin.getByText("What would change for Nico Newbie:").waitFor();
    const changes = await admin.locator("[aria-live=polite] li").allTextContents();
    expect(changes).toEqual([
      "Role: Basic → Purchasing Intermediate",
      "Orders: not allowed → allowed",
      "Inventory: not allowed → allowed",
      "Reports: not allowed → allowed (per-user: inherit → grant)",
      "Purchasing: not allowed → allowed",
      "View products and services: not allowed → allowed",
    ]);
    await expectAccessible(admin, "copy permissions preview");
    await admin.getByRole("button", { name: "Copy these permissions" }).click();
    // It replaces the role and every per-user choice: asked first, saying so.
    const confirm = admin.getByRole("dialog", { name: "Replace the permissions of Nico Newbie?" });
    await confirm
      .getByText("Nico Newbie gets the role Purchasing Intermediate in place of Basic, and the per-user grants and denials of Bea Buyer in place of their own.")
      .waitFor();
    await confirm.getByText("5 permissions change.").waitFor();
    await expectAccessible(admin, "copy permissions confirmation");
    await confirm.getByRole("button", { name: "Replace permissions" }).click();
    await admin.getByText("Permissions copied.").waitFor();
    expect(await sql("select r.key from users u join roles r on r.id = u.role_id where u.id = $1", [target])).toEqual([{ key: "purchasing_intermediate" }]);

    // Per-user deny on top, with the result shown beside it.
    await admin.reload();
    await admin.getByLabel("Orders for Nico Newbie", { exact: true }).selectOption("deny");
    // Leaving with the choice unsaved asks first; staying keeps it.
    admin.removeAllListeners("dialog"); // this page accepts every dialog: here, one is dismissed
    const asked = new Promise<string>((resolve) => admin.once("dialog", (d) => (resolve(d.message()), void d.dismiss())));
    await new Shell(admin).nav().getByRole("link", { name: "Users", exact: true }).click();
    expect(await asked).toMatch(/unsaved/i);
    admin.on("dialog", (d) => d.accept());
    await expectPath(admin, new RegExp(`^/users/${target}/permissions$`));
    expect(await admin.getByLabel("Orders for Nico Newbie", { exact: true }).inputValue()).toBe("deny");
    await admin.getByRole("button", { name: "Save permissions" }).click();
    await admin.getByText("Permissions saved.").waitFor();
    // Save was disabled while sending: the focus goes to the message, not the page's start.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Permissions saved.");
    const key = await insertApiKey("api_basic", "Roles e2e reader");
    const api = await admin.request.get(`/api/v1/users/${target}/permissions`, { headers: { Authorization: `Bearer ${key}` } });
    expect(await api.json()).toMatchObject({ permissions: ["inventory", "products", "purchasing", "reports"], grants: ["reports"], denials: ["orders"] });
  });

  it("changes a user's role on their permissions page, for whoever holds Edit permissions without Update users", async () => {
    await insertRole("Permission clerks e2e", ["users.view", "users.permissions", "purchasing", "inventory", "orders", "products"]);
    await insertUser({ username: "clerk1", firstName: "Cleo", lastName: "Clerk", password: "permission clerk password", roleKey: "basic" });
    await assignRole("clerk1", "Permission clerks e2e");
    const bob = await insertUser({ username: "rolebob", firstName: "Bob", lastName: "Basic", password: "role bob password e2e", roleKey: "basic" });
    const page = await signedIn("clerk1", "permission clerk password");
    await page.goto(`/users/${bob}/permissions`);
    const role = page.getByLabel("Role of Bob Basic");
    // Only the roles this clerk may give: not the Administrator's.
    expect(await role.locator("option", { hasText: "Administrator" }).count()).toBe(0);
    // A per-user choice saved first: its message goes once the role changes above it.
    await page.getByLabel("Orders for Bob Basic", { exact: true }).selectOption("deny");
    await page.getByRole("button", { name: "Save permissions" }).click();
    await page.getByText("Permissions saved.").waitFor();
    await role.selectOption({ label: "Purchasing Intermediate" });
    await page.getByRole("button", { name: "Change role" }).click();
    await page.getByText("Role changed. It applies from the user's next request.").first().waitFor();
    await expect.poll(() => page.getByText("Permissions saved.").count()).toBe(0);
    // Its button goes disabled under the focus: the focus goes to the role and stays there through
    // the page's refresh (the form is not remounted by the new role).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("roleId");
    await expect.poll(() => role.evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.text)).toBe("Purchasing Intermediate");
    expect(await sql("select r.key from users u join roles r on r.id = u.role_id where u.id = $1", [bob])).toEqual([{ key: "purchasing_intermediate" }]);
    await expectAccessible(page, "/users/[id]/permissions with the role form");
  });

  it("offers a help desk no action on someone who holds more than it, and says why", async () => {
    await insertRole("Help desk e2e", ["users.view", "users.update"]);
    await insertUser({ username: "helpdesk1", firstName: "Hana", lastName: "Help", password: "help desk password e2e", roleKey: "basic" });
    await assignRole("helpdesk1", "Help desk e2e");
    await insertUser({ username: "plainpeer", firstName: "Paula", lastName: "Peer", password: "plain peer password e2e", roleKey: "basic" });
    await assignRole("plainpeer", "Help desk e2e", { console: false });
    const page = await signedIn("helpdesk1", "help desk password e2e");
    const [{ id: adminId }] = await sql<{ id: string }>("select id from users where username = 'roleadmin'");
    await page.goto(`/users/${adminId}`);
    await page.getByText("You can view Rho Admin but not change them: they hold permissions you do not.").waitFor();
    for (const name of ["Edit user", "Deactivate user", "Reset password", "Require a new password"])
      expect(await page.getByRole("button", { name }).or(page.getByRole("link", { name })).count(), name).toBe(0);
    await expectAccessible(page, "/users/[id] of someone who outranks the reader");
    // Their permissions, to look at: not "Edit permissions" on a page that lets nothing be edited.
    await page.getByRole("link", { name: "View permissions" }).waitFor();
    expect(await page.getByRole("link", { name: "Edit permissions" }).count()).toBe(0);
    // The edit form, typed into the address, says why before anything is filled in for nothing.
    await page.goto(`/users/${adminId}/edit`);
    await page.getByText("You can view Rho Admin but not change them: they hold permissions you do not.").waitFor();
    expect(await page.getByRole("button", { name: "Update user" }).count()).toBe(0);
    // A peer (the same permissions) is theirs to act on, as the verbs allow.
    const [{ id: peerId }] = await sql<{ id: string }>("select id from users where username = 'plainpeer'");
    await page.goto(`/users/${peerId}`);
    await page.getByRole("link", { name: "Edit user" }).waitFor();
    expect(await page.getByText("but not change them").count()).toBe(0);
    // The list's ⋮ menus say the same: View alone for the administrator, the actions for the peer.
    await page.goto("/users?q=rho");
    await page.getByRole("button", { name: "Actions for Rho Admin" }).click();
    await page.getByRole("menuitem", { name: "View" }).waitFor();
    expect(await page.getByRole("menuitem").allTextContents()).toEqual(["View"]);
    await page.keyboard.press("Escape");
    // Selected for a bulk action, the confirmation says so before anything is sent, and offers no confirm.
    await page.getByRole("checkbox", { name: "Select Rho Admin" }).check();
    await page.getByRole("button", { name: "Act on selected" }).click();
    await page.getByRole("menuitem", { name: "Deactivate" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate 1 user?" });
    await dialog.getByText("This user holds permissions you do not: you can view them but not change them.").waitFor();
    expect(await dialog.getByRole("button", { name: "Deactivate 1 user" }).isDisabled()).toBe(true);
    await expectAccessible(page, "/users bulk confirmation naming an outranking user");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.goto("/users?q=paula");
    await page.getByRole("button", { name: "Actions for Paula Peer" }).click();
    await page.getByRole("menuitem", { name: "Edit user" }).waitFor();
    expect(await page.getByRole("menuitem").allTextContents()).toContain("Deactivate user");
  });

  it("shows a Basic user no Roles section and refuses /roles", async () => {
    await insertUser({ username: "plain1", firstName: "Pat", lastName: "Plain", password: "plain password e2e one", roleKey: "basic" });
    const page = await signedIn("plain1", "plain password e2e one");
    await expectPath(page, /^\/account$/);
    expect(await new Shell(page).nav().getByRole("link").allTextContents()).toEqual([]);
    const res = await page.goto("/roles");
    expect(res?.status()).toBe(403);
    await page.getByRole("heading", { name: "You do not have access to this page" }).waitFor();
    await expectAccessible(page, "/roles as Basic (403)");
    // The API ignores the session cookie; a key made by this Basic user acts no higher than they do.
    const roleadmin = (await sql<{ id: string }>("select id from users where username = 'roleadmin'"))[0].id;
    expect((await page.request.get(`/api/v1/users/${roleadmin}/permissions`)).status()).toBe(401);
    const plainId = (await sql<{ id: string }>("select id from users where username = 'plain1'"))[0].id;
    const key = await insertApiKey("api_basic", "Plain's key", plainId);
    const api = await page.request.get(`/api/v1/users/${roleadmin}/permissions`, { headers: { Authorization: `Bearer ${key}` } });
    expect(api.status()).toBe(403);
    expect(api.headers()["content-type"]).toBe("application/problem+json");
  });
});
