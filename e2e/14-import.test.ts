/**
 * Import and bulk actions as an administrator moving from another system: a CSV with Spanish
 * headers (one the template doesn't know) and some bad rows, mapped, previewed with its errors,
 * applied; the new users found and exported; three of them deactivated at once, and then every user
 * a search matches, past its first page.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { expectPath, LoginPage } from "./support/pages";

const baseURL = inject("baseURL");
const PASSWORD = "import admin password 2026";
let browser: Browser;
let context: BrowserContext;
let page: Page;

const FILE = path.join(tmpdir(), `rollcall-e2e-import-${process.pid}.csv`);

beforeAll(async () => {
  await insertUser({ username: "import.admin", firstName: "Iris", lastName: "Importer", password: PASSWORD, roleKey: "administrator" });
  writeFileSync(
    FILE,
    [
      "Nombre;Apellido;Correo;Usuario;Teléfono;Rol;Alta en el sistema viejo",
      "Lucía;Núñez;lucia.imp@example.com;lucia.imp;+507 6123 4567;Basic;2019-01-01",
      "Pedro;Pérez;pedro.imp@example.com;pedro.imp;;Basic;2019-01-02",
      "Marta;Mora;marta.imp@example.com;marta.imp;;Basic;2019-01-03",
      "Malo;Correo;not-an-email;malo.imp;;Basic;2019-01-04",
      "Sin;Rol;sinrol.imp@example.com;sinrol.imp;;Mago;2019-01-05",
    ].join("\r\n"),
  );
  browser = await launchBrowser();
  context = await newContext(browser, baseURL);
  page = await context.newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).signIn("import.admin", PASSWORD);
  await expectPath(page, /^\/users$/);
});

afterAll(async () => {
  await browser?.close();
});

describe("import, export and bulk actions", () => {
  it("maps foreign headers, previews the errors, applies, exports the new users and deactivates three at once", async () => {
    await page.getByRole("link", { name: "Import", exact: true }).click();
    await expectPath(page, /^\/users\/import$/);
    await expectAccessible(page, "/users/import");
    await page.getByLabel("Spreadsheet").setInputFiles(FILE);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.waitForURL(/\/users\/import\/[0-9a-f-]{36}$/);

    // The one header nobody knows: Rollcall asks, the rest are suggested.
    await page.getByRole("heading", { name: /Import of rollcall-e2e-import/ }).waitFor();
    expect(await page.getByLabel("What “Correo” means").inputValue()).toBe("email");
    expect(await page.getByLabel("What “Alta en el sistema viejo” means").inputValue()).toBe("");
    await expectAccessible(page, "import mapping");
    await page.getByRole("button", { name: "Check the file" }).click();

    // The preview: three new users, two rejected rows with their reasons.
    await page.getByRole("button", { name: "Import: 3 new users, 0 updates" }).waitFor({ timeout: 30_000 });
    // Each reason is in the page twice, in its column and under the person for a phone: the one shown.
    await page.getByText("E-mail: Enter a valid e-mail address, like name@example.com.").filter({ visible: true }).waitFor();
    await page.getByText("Role: There is no role named “Mago”.").filter({ visible: true }).waitFor();
    // The column left unmapped is said, not dropped silently.
    await page.getByText("Not imported (no field chosen): Alta en el sistema viejo.").waitFor();
    await expectAccessible(page, "import preview");
    const rejected = await page.request.get(`${new URL(page.url()).pathname}/rejected`);
    expect(await rejected.text()).toContain("There is no role named “Mago”.");
    expect(await sql("select count(*)::int as n from users where username like '%.imp'")).toEqual([{ n: 0 }]);

    // Someone adds Pedro meanwhile: Import is refused whole, and checking the file again is one press
    // away (it was only in the folded "Change the mapping" form). He leaves again before the check.
    const pedro = await insertUser({ username: "pedro.imp", firstName: "Pedro", lastName: "Pérez", password: PASSWORD, roleKey: "basic" });
    await page.getByRole("button", { name: "Import: 3 new users, 0 updates" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Import now" }).click();
    await page.getByText(/Users changed since the preview \(row \d+ would now do something else\)/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("button", { name: /^Import:/ }).count()).toBe(0);
    expect(await sql("select count(*)::int as n from users where username like '%.imp'")).toEqual([{ n: 1 }]);
    await sql("delete from users where id = $1", [pedro]);
    await page.getByRole("button", { name: "Check the file again" }).click();

    await page.getByRole("button", { name: "Import: 3 new users, 0 updates" }).click();
    await page.getByRole("dialog").getByText("3 users are created and 0 users are updated").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Import now" }).click();
    await page.getByText("Imported: 3 created, 0 updated").waitFor({ timeout: 30_000 });
    // The Import button went with the preview: the focus is on the import's heading, not the page's start.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("job-title");
    expect(await sql("select username, status from users where username like '%.imp' order by username")).toEqual([
      { username: "lucia.imp", status: "pending" },
      { username: "marta.imp", status: "pending" },
      { username: "pedro.imp", status: "pending" },
    ]);

    // The same file again, left at its columns: discarded, asked first; it stays listed as Discarded.
    await page.goto("/users/import");
    await page.getByLabel("Spreadsheet").setInputFiles(FILE);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.getByRole("button", { name: "Check the file" }).waitFor();
    await page.getByRole("button", { name: "Discard this import" }).click();
    await page.getByRole("dialog").getByText("no user changes", { exact: false }).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Discard this import" }).click();
    await page.locator("main").getByText("Discarded", { exact: true }).waitFor();
    await page.getByText("Discarded before anything was applied: no user changed.", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "Check the file" }).count()).toBe(0);
    expect(await sql("select status from import_jobs order by created_at desc limit 1")).toEqual([{ status: "discarded" }]);

    // Found on the list, exported with exactly that filter.
    await page.goto("/users?q=.imp");
    await page.getByRole("link", { name: "Lucía Núñez" }).waitFor();
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toBe("/users/export?q=.imp");
    const csv = await (await page.request.get(href!)).text();
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith("Lucía"))).toContain("'+50761234567");

    // Bulk: confirm the three, then deactivate the three.
    await page.getByLabel("Select all on this page").check();
    await page.getByText("3 users selected").waitFor();
    for (const [item, button, status] of [
      ["Confirm", "Confirm 3 users", "active"],
      ["Deactivate", "Deactivate 3 users", "inactive"],
    ] as const) {
      await page.getByRole("button", { name: "Act on selected" }).click();
      await page.getByRole("menuitem", { name: item, exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: button }).waitFor();
      await page
        .getByRole("dialog")
        .getByText(/^Selected: .*Lucía Núñez/)
        .waitFor(); // who it is about
      await expectAccessible(page, `bulk ${item} dialog`);
      await page.getByRole("dialog").getByRole("button", { name: button }).click();
      await page.getByRole("dialog").getByText("Done for 3 users; none refused.").waitFor();
      await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
      await expect
        .poll(async () => (await sql<{ status: string }>("select distinct status from users where username like '%.imp'")).map((r) => r.status))
        .toEqual([status]);
      await page.getByLabel("Select all on this page").check();
    }
    // Moving to a team takes a choice first, "no team" being one; those already without a team are
    // counted apart from those done, here and in the audit log.
    await page.getByRole("button", { name: "Act on selected" }).click();
    await page.getByRole("menuitem", { name: "Move to team", exact: true }).click();
    const move = page.getByRole("dialog").getByRole("button", { name: "Move 3 users" });
    expect(await move.isDisabled()).toBe(true);
    await page.getByRole("dialog").getByLabel("Team").selectOption({ label: "No team (take them out of theirs)" });
    await move.click();
    await page.getByRole("dialog").getByText("Done for nobody; 3 needed no change; none refused.").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    const [bulk] = await sql<{ n: number }>("select count(*)::int as n from audit_events where action = 'users.bulk'");
    expect(bulk.n).toBe(3);
    await page.goto("/audit?action=users.bulk");
    await page.getByText(/ran “Move to team” on 3 users at once: 0 done, 3 needing no change, 0 refused/).waitFor();
    const [imported] = await sql<{ target_type: string }>("select target_type from audit_events where action = 'users.imported'");
    expect(imported.target_type).toBe("import");
  });
  it("acts on every user a search matches, past its first page, with the count the page arrived with", async () => {
    for (let i = 1; i <= 12; i++)
      await insertUser({ username: `many.bulk${i}`, firstName: "Bulk", lastName: `Many ${i}`, password: PASSWORD, roleKey: "basic" });
    await page.goto("/users?q=many.bulk&pageSize=10");
    // The count comes after the rows (app/(lists)/users/page.tsx): the page still arrives with it.
    await page.getByText("Page 1 of 2 · 12 in all").waitFor();
    await page.getByLabel("Select all on this page").check();
    await page.getByText("10 users selected").waitFor();
    await page.getByRole("button", { name: "Select all 12 matching this filter" }).click();
    await page.getByText("12 users selected").waitFor();
    await page.getByRole("button", { name: "Act on selected" }).click();
    await page.getByRole("menuitem", { name: "Deactivate", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate 12 users" }).click();
    await page.getByRole("dialog").getByText("Done for 12 users; none refused.").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    const statuses = await sql<{ status: string; n: number }>("select status, count(*)::int as n from users where username like 'many.bulk%' group by status");
    expect(statuses).toEqual([{ status: "inactive", n: 12 }]);

    // Deleting all of them takes their number typed, and acts on none if the filter now matches more.
    await page.getByLabel("Select all on this page").check();
    await page.getByRole("button", { name: "Select all 12 matching this filter" }).click();
    await page.getByRole("button", { name: "Act on selected" }).click();
    await page.getByRole("menuitem", { name: "Delete", exact: true }).click();
    const remove = page.getByRole("dialog").getByRole("button", { name: "Delete 12 users" });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel("Type the number of users, 12, to delete them all").fill("12");
    await insertUser({ username: "many.bulk13", firstName: "Bulk", lastName: "Many 13", password: PASSWORD, roleKey: "basic" });
    await remove.click();
    await page.getByRole("dialog").getByText("Now 13 match this filter, not the 12 you confirmed: look at the list again.").waitFor();
    expect(await remove.isDisabled()).toBe(true); // the selection is stale: trying again would say the same
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    // Closing reads the list again, with no selection left.
    await page.getByText("Page 1 of 2 · 13 in all").waitFor();
    expect(await page.getByRole("region", { name: "Bulk actions" }).count()).toBe(0);
    expect(await sql<{ n: number }>("select count(*)::int as n from users where username like 'many.bulk%'")).toEqual([{ n: 13 }]);
  });
});
