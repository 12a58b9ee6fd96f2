import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { waitForEmail } from "./support/inbox";
import { expectPath, LoginPage, visitAndCheck } from "./support/pages";
import { UserFormPage } from "./support/user-pages";

const baseURL = inject("baseURL");
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  await insertUser({ username: "inviter", firstName: "Ivy", lastName: "Inviter", password: "inviter password for e2e", roleKey: "administrator" });
  browser = await launchBrowser();
  admin = await (await newContext(browser, baseURL)).newPage();
  await new LoginPage(admin).open();
  await new LoginPage(admin).signIn("inviter", "inviter password for e2e");
  await expectPath(admin, /^\/users$/);
});
afterAll(async () => {
  await browser?.close();
});

async function createInvited(values: { firstName: string; lastName: string; username: string; email: string; personalEmail?: string }, method: string) {
  await admin.goto("/users/new");
  const form = new UserFormPage(admin);
  await form.fillText({
    firstName: values.firstName,
    lastName: values.lastName,
    username: values.username,
    email: values.email,
    personalEmail: values.personalEmail ?? "",
  });
  await form.select({ roleId: "Basic" });
  await form.check("adminConsoleAccess");
  await admin.getByLabel("Send an invitation").check();
  await form.select({ inviteMethod: method });
  await form.submit("Create user and invite");
}

async function register(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByRole("heading", { name: /^Join / }).waitFor();
  await expectAccessible(page, "/invite/[token]");
  await page.getByLabel("Phone number").fill("+507 6000 1234");
  await page.locator("#field-password").fill(password);
  await page.getByText("Strong enough.").waitFor();
  await page.locator("#field-confirmPassword").fill(password);
  await page.getByRole("button", { name: "Complete registration" }).click();
}

describe("invitations", () => {
  it("invites by personal e-mail; the invitee opens the link, registers and is signed in", async () => {
    await createInvited(
      { firstName: "Eva", lastName: "Email", username: "eva.email", email: "eva@corp.example", personalEmail: "eva@home.example" },
      "Personal e-mail: send a registration link",
    );
    await expectPath(admin, /^\/users\/[0-9a-f-]{36}$/);
    await admin.getByText("User created as Pending; the invitation is on its way.").waitFor();
    await admin.getByRole("cell", { name: "E-mail to eva@home.example" }).waitFor();
    await expectAccessible(admin, "/users/[id] pending with invitation");

    const mail = await waitForEmail("eva@home.example", /invited you to/);
    const link = mail.links.find((l) => l.includes("/invite/"))!;
    expect(link.startsWith(`${baseURL}/invite/`)).toBe(true);
    await admin.reload();
    await admin.getByRole("cell", { name: "Sent", exact: true }).waitFor(); // delivery status of its e-mail

    const invitee = await (await newContext(browser, baseURL)).newPage();
    await register(invitee, link, "seven purple lanterns hum");
    await expectPath(invitee, /^\/account$/);
    await invitee.getByText("eva@corp.example").waitFor();
    expect(await sql("select status, registered_at is not null as registered from users where username = 'eva.email'")).toEqual([
      { status: "active", registered: true },
    ]);

    // The same link a second time: one clear page, nothing about the account.
    const again = await (await newContext(browser, baseURL)).newPage();
    await again.goto(link);
    await again.getByRole("heading", { name: "This link is no longer valid" }).waitFor();
    await expectAccessible(again, "/invite/[used token]");
  });

  it("invites by shareable link; the admin copies it and the invitee registers in a fresh browser", async () => {
    await createInvited(
      { firstName: "Lino", lastName: "Link", username: "lino.link", email: "lino@corp.example" },
      "Shareable link: copy it and share it yourself",
    );
    const field = admin.getByLabel("Registration link");
    await field.waitFor();
    // The form gave way to the link: the focus is on the panel that says so, not the page's start.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent ?? "")).toContain("User created as Pending.");
    await expectAccessible(admin, "create user: shareable link");
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));

    const invitee = await (await newContext(browser, baseURL)).newPage();
    await register(invitee, link, "quiet harbor maple nine");
    await expectPath(invitee, /^\/account$/);
  });

  it("speaks the invitee's language on the invitation page, whatever the browser's, and so do its answers", async () => {
    await createInvited(
      { firstName: "Inés", lastName: "Invitada", username: "ines.invitada", email: "ines@corp.example" },
      "Shareable link: copy it and share it yourself",
    );
    const link = await admin.getByLabel("Registration link").inputValue();
    await sql("update users set language = 'es' where username = $1", ["ines.invitada"]);
    const page = await (await newContext(browser, baseURL)).newPage(); // an English browser
    await page.goto(link);
    await page.getByRole("heading", { name: /^Únete a / }).waitFor();
    expect(await page.locator('[lang="es"]').count()).toBeGreaterThan(0);
    expect(await page.title()).toBe("Completa tu registro · Rollcall"); // the browser's tab too
    await expectAccessible(page, "/invite/[token] in the invitee's language");
    // The live hint and a refused submit, in Spanish too.
    await page.locator("#field-password").fill("passwordpassword");
    await page.getByText(/^Esta contraseña es demasiado débil/).waitFor();
    await page.locator("#field-password").fill("quiet harbor maple nine");
    await page.getByText("Suficientemente segura.").waitFor();
    await page.locator("#field-confirmPassword").fill("quiet harbor maple ten");
    await page.getByRole("button", { name: "Completar registro" }).click();
    await page.getByText("Las contraseñas no coinciden.").waitFor();
  });

  it("refuses a revoked link", async () => {
    await createInvited(
      { firstName: "Rita", lastName: "Revoked", username: "rita.revoked", email: "rita@corp.example" },
      "Shareable link: copy it and share it yourself",
    );
    const link = await admin.getByLabel("Registration link").inputValue();
    await admin.getByRole("link", { name: "Go to the user" }).click();
    await admin.getByRole("button", { name: "Revoke invitation" }).click();
    // It asks first, naming what stops working.
    const dialog = admin.getByRole("dialog", { name: "Revoke this invitation?" });
    await dialog.getByText(/stops working at once\. Rita Revoked can be sent a new invitation/).waitFor();
    await dialog.getByRole("button", { name: "Revoke invitation" }).click();
    await admin.getByText("Invitation revoked.", { exact: true }).waitFor();
    // Its button gone with the row's state, the focus goes to the message that says so.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe("invitations-message");
    const page = await (await newContext(browser, baseURL)).newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "This link is no longer valid" }).waitFor();
    // With no personal e-mail, a new invitation can only be a link, and the dialog says why.
    // The page's header offers it as the panel does: both open the panel's dialog.
    expect(await admin.getByRole("button", { name: "Revoke invitation" }).count()).toBe(0);
    await admin.getByRole("button", { name: "Resend invitation" }).first().click();
    const resend = admin.getByRole("dialog", { name: "Resend invitation to Rita Revoked" });
    expect(await resend.getByRole("radio", { name: "Personal e-mail" }).isDisabled()).toBe(true);
    expect(await resend.getByRole("radio", { name: "Shareable link" }).isChecked()).toBe(true);
    await resend.getByText("Rita Revoked has no personal e-mail: add one with Edit user to invite by e-mail.").waitFor();
    await resend.getByRole("button", { name: "Create link" }).click();
    // The dialog is then about the link just made, the focus on its Copy button.
    const made = admin.getByRole("dialog", { name: "Invitation link for Rita Revoked" });
    expect(await made.getByLabel("Registration link").inputValue()).toMatch(/\/invite\//);
    await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent)).toBe("Copy");
  });

  it("resets a forgotten password from the e-mailed link, answering the same for unknown addresses", async () => {
    const page = await (await newContext(browser, baseURL)).newPage();
    await visitAndCheck(page, "/password/forgot");
    await page.getByLabel("Username or e-mail").fill("nobody@nowhere.example");
    await page.getByRole("button", { name: "Send reset link" }).click();
    const answer = await page.getByRole("status").textContent();
    // The form gone, its answer has the focus, not the page's start.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.querySelector('[role="status"]'))).toBe(true);
    await page.goto("/password/forgot");
    await page.getByLabel("Username or e-mail").fill("eva@corp.example");
    await page.getByRole("button", { name: "Send reset link" }).click();
    expect(await page.getByRole("status").textContent()).toBe(answer);
    const mail = await waitForEmail("eva@corp.example", /Reset your/);
    const resetLink = mail.links.find((l) => l.includes("/password/reset/"))!;
    await page.goto(resetLink);
    await expectAccessible(page, "/password/reset/[token]");
    await page.locator("#field-password").fill("brand new harbor phrase");
    await page.locator("#field-confirmPassword").fill("brand new harbor phrase");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expectPath(page, /^\/login$/);
    await new LoginPage(page).signIn("eva.email", "brand new harbor phrase");
    await expectPath(page, /^\/account$/);

    // Used: the page says so and offers a new link, no administrator needed.
    const used = await (await newContext(browser, baseURL)).newPage();
    await used.goto(resetLink);
    await used.getByRole("heading", { name: "This link is no longer valid" }).waitFor();
    await used.getByRole("link", { name: "Send me a new link" }).click();
    await expectPath(used, /^\/password\/forgot$/);
  });
});
