import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { expectPath, LoginPage, visitAndCheck } from "./support/pages";
import { UserFormPage, UserListPage } from "./support/user-pages";

const baseURL = inject("baseURL");
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await insertUser({ username: "root", firstName: "Root", lastName: "Admin", password: "root admin password here", roleKey: "administrator" });
  browser = await launchBrowser();
  context = await newContext(browser, baseURL);
  page = await context.newPage();
  page.on("dialog", (d) => d.accept()); // the unsaved-changes confirm, when it appears
  await new LoginPage(page).open();
  await new LoginPage(page).signIn("root", "root admin password here");
  await expectPath(page, /^\/users$/);
});

afterAll(async () => {
  await browser?.close();
});

describe("users", () => {
  it("manages branches and teams that feed the pickers", async () => {
    for (const [path, label, name] of [
      ["/branches", "branch", "Panamá Centro"],
      ["/teams", "team", "Sales"],
    ] as const) {
      await visitAndCheck(page, path);
      await page.getByLabel(`New ${label} name`).fill(name);
      await page.getByRole("button", { name: `Create ${label}` }).click();
      await page.getByRole("cell", { name, exact: true }).waitFor();
      await page.getByLabel(`New ${label} name`).fill(name.toUpperCase());
      await page.getByRole("button", { name: `Create ${label}` }).click();
      await expect.poll(() => page.locator("#field-name-error").textContent()).toMatch(/already exists/);
      await expectAccessible(page, `${path} with an error`);
      // Edited, the field's error goes (and the field stops saying it is invalid); sent again, it is back.
      const field = page.getByLabel(`New ${label} name`);
      await field.press("Backspace");
      await expect.poll(() => page.locator("#field-name-error").count()).toBe(0);
      expect(await field.getAttribute("aria-invalid")).toBe("false");
      await field.press(name.toUpperCase().at(-1)!);
      await page.getByRole("button", { name: `Create ${label}` }).click();
      await expect.poll(() => page.locator("#field-name-error").textContent()).toMatch(/already exists/);
      expect(await field.getAttribute("aria-invalid")).toBe("true");
    }
  });

  it("links a branch's and a role's member counts to the user list, and a refused deletion to the users to move", async () => {
    const id = await insertUser({ username: "pmember", firstName: "Paula", lastName: "Member", password: "paula member password", roleKey: "basic" });
    await sql("update users set branch_id = (select id from branches where name = 'Panamá Centro') where id = $1", [id]);
    try {
      await visitAndCheck(page, "/branches");
      await page.getByRole("button", { name: "Delete Panamá Centro" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("1 user belongs to it: move them first.").waitFor();
      expect(await dialog.getByRole("button", { name: "Delete branch" }).isDisabled()).toBe(true);
      await dialog.getByRole("link", { name: /Show them in the user list/ }).click();
      await expectPath(page, /^\/users$/);
      expect(await page.getByLabel("Branch").locator("option:checked").textContent()).toBe("Panamá Centro");
      await page.getByRole("link", { name: "Paula Member" }).waitFor();

      await visitAndCheck(page, "/roles");
      await page.getByRole("link", { name: /^\d+ users? with the role Basic$/ }).click();
      await expectPath(page, /^\/users$/);
      expect(await page.getByLabel("Role").locator("option:checked").textContent()).toBe("Basic");
      await page.getByRole("link", { name: "Paula Member" }).waitFor();
    } finally {
      await sql("delete from users where id = $1", [id]);
    }
  });

  it("creates a user with every field, finds them by phone, edits, deactivates, reactivates and deletes them", async () => {
    const list = new UserListPage(page);
    await list.open();
    await page.getByRole("link", { name: "Create user" }).click();
    await expectPath(page, /^\/users\/new$/);
    await expectAccessible(page, "/users/new");

    const form = new UserFormPage(page);
    await form.fillText({
      firstName: "María José",
      lastName: "Núñez",
      username: "mjnunez",
      email: "mj.nunez@example.com",
      phone: "+507 6123-4567",
      personalEmail: "mariajose@example.org",
      birthday: "2999-04-12",
      position: "Seller",
      password: "purple giraffe eats midnight toast",
      confirmPassword: "purple giraffe eats midnight toast",
      accountExpiresOn: "2030-12-31",
    });
    await form.select({
      gender: "Female",
      country: "Panama",
      language: "Español",
      branchId: "Panamá Centro",
      teamId: "Sales",
      roleId: "Basic",
      status: "Active",
    });
    await form.check("adminConsoleAccess", "sendEndOfDayReport", "notifyDomain", "notifyInvoice");
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer();
    await form.field("image").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png });
    await form.submit("Create user");

    // A birthday in the future is refused next to the field; everything typed or chosen is kept.
    await expect.poll(() => form.error("birthday").textContent()).toMatch(/cannot be in the future/);
    expect(await form.field("firstName").inputValue()).toBe("María José");
    expect(await form.field("roleId").locator("option:checked").textContent()).toBe("Basic");
    await expectAccessible(page, "/users/new with errors");
    await form.fillText({ birthday: "1990-04-12" });
    await form.submit("Create user");
    await expectPath(page, /^\/users\/[0-9a-f-]{36}$/);
    await expectAccessible(page, "/users/[id]");
    const main = page.locator("main");
    for (const text of [
      "mj.nunez@example.com",
      "+507 6123 4567",
      "mariajose@example.org",
      "Female",
      "Panama",
      "Español",
      "Seller",
      "Panamá Centro",
      "Sales",
      "Basic",
      "General, Domain, Invoice",
    ]) {
      expect(await main.getByText(text, { exact: true }).count(), text).toBeGreaterThan(0);
    }
    const userId = new URL(page.url()).pathname.split("/")[2];
    const image = await page.request.get(`/users/${userId}/image`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/webp");
    expect((await sharp(await image.body()).metadata()).width).toBe(256);

    // Found by phone, typed differently from how it was entered.
    await list.open();
    await list.search("6123 4567");
    expect(await list.rowNames()).toEqual(["María José Núñez"]);
    await list.search("nunez maria");
    expect(await list.rowNames()).toEqual(["María José Núñez"]);
    await expectAccessible(page, "/users with a search");

    // Edit: "Unsaved changes" shows as soon as the form differs.
    await list.rowAction("María José Núñez", "Edit user");
    await expectPath(page, /\/edit$/);
    expect(await form.unsavedChanges().count()).toBe(0);
    await form.fillText({ position: "Team lead" });
    await form.unsavedChanges().waitFor();
    await expectAccessible(page, "/users/[id]/edit with unsaved changes");
    await form.submit("Update user");
    await expectPath(page, /^\/users\/[0-9a-f-]{36}$/);
    expect(await page.getByText("Team lead", { exact: true }).count()).toBe(1);

    // Deactivate and reactivate from the list's ⋮ menu, each confirmed in a dialog.
    await list.open("?q=mjnunez");
    await list.rowAction("María José Núñez", "Deactivate user");
    await list.dialog().getByText("Deactivate María José Núñez?").waitFor();
    await expectAccessible(page, "deactivate dialog");
    await list.dialog().getByRole("button", { name: "Deactivate user" }).click();
    await page.locator("tbody").getByText("Inactive", { exact: true }).waitFor();
    expect(await sql("select status from users where id = $1", [userId])).toEqual([{ status: "inactive" }]);
    await list.rowAction("María José Núñez", "Reactivate user");
    await list.dialog().getByRole("button", { name: "Reactivate user" }).click();
    await page.locator("tbody").getByText("Active", { exact: true }).waitFor();

    // Delete: a user with clients must have them reassigned in the same step.
    await sql("insert into clients (name, owner_id) values ('Acme Corp', $1), ('Globex', $1)", [userId]);
    await list.rowAction("María José Núñez", "Delete user");
    await list.dialog().getByText("Acme Corp").waitFor();
    await expectAccessible(page, "delete dialog with clients");
    expect(await list.dialog().getByRole("button", { name: "Reassign clients and delete" }).isDisabled()).toBe(true);
    await list.dialog().getByLabel("Search users for: Reassign all clients to").fill("root");
    await list
      .dialog()
      .page()
      .getByRole("option", { name: /Root Admin/ })
      .click();
    // The picker's field gives way to the chosen user: the focus goes to its Clear button.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const at = document.activeElement;
          return `${at?.closest("fieldset")?.querySelector("legend")?.textContent}: ${at?.tagName} ${at?.textContent}`;
        }),
      )
      .toBe("Reassign all clients to: BUTTON Clear");
    await list.dialog().getByRole("button", { name: "Reassign clients and delete" }).click();
    await expect.poll(async () => (await sql("select count(*)::int as n from users where id = $1", [userId]))[0]).toEqual({ n: 0 });
    // The focus goes to what took the deleted row's place (the ⋮ of the row beside it, or the
    // list's heading when none is left), not to the page's start.
    await page.locator("tbody").getByText("María José Núñez").waitFor({ state: "detached" });
    await expect
      .poll(() =>
        page.evaluate(() => {
          const at = document.activeElement;
          return at?.matches("tbody td:last-child button") ? "row" : (at?.id ?? "");
        }),
      )
      .toBe((await page.locator("tbody tr").count()) > 0 ? "row" : "users-title");
    const owners = await sql<{ username: string }>("select u.username from clients c join users u on u.id = c.owner_id");
    expect(owners.map((o) => o.username)).toEqual(["root", "root"]);
    const [deleted] = await sql("select target_name from audit_events where action = 'user.deleted' and target_id = $1", [userId]);
    expect(deleted).toEqual({ target_name: "María José Núñez" });
  });

  it("shows your own role, status and console access as fixed on your own edit form, and saves the rest", async () => {
    const [{ id }] = await sql<{ id: string }>("select id from users where username = 'root'");
    await page.goto(`/users/${id}/edit`);
    const form = new UserFormPage(page);
    for (const [name, hint] of [
      ["roleId", "You cannot change your own role."],
      ["status", "You cannot deactivate yourself."],
      ["adminConsoleAccess", "You cannot take away your own access to the admin console."],
    ] as const) {
      expect(await form.field(name).isDisabled(), name).toBe(true);
      expect(await page.locator(`#field-${name}-hint`).textContent()).toBe(hint);
    }
    expect(await form.field("adminConsoleAccess").isChecked()).toBe(true);
    await expectAccessible(page, "/users/[id]/edit of yourself");
    await form.fillText({ position: "Founder" });
    await form.submit("Update user");
    await expectPath(page, /^\/users\/[0-9a-f-]{36}$/);
    expect(await sql("select position, status, admin_console_access from users where id = $1", [id])).toEqual([
      { position: "Founder", status: "active", admin_console_access: true },
    ]);
  });
});
