/**
 * Tomás's account, as he lives it: invited as a Basic user without console access, he registers,
 * sees that his account is ready, signs in elsewhere and lands on /account, changes his phone and
 * notifications, changes his work e-mail by link, sees two sessions and ends the other one, and
 * finally reports "This wasn't me". An administrator's typed password is temporary.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newContext } from "./support/browser";
import { insertUser, sql } from "./support/db";
import { waitForEmail } from "./support/inbox";
import { expectPath, LoginPage } from "./support/pages";
import { UserFormPage } from "./support/user-pages";

const baseURL = inject("baseURL");
const TOMAS_PASSWORD = "seven copper kites at dawn";
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  await insertUser({
    username: "acct.admin",
    firstName: "Alma",
    lastName: "Account",
    password: "account admin password 2026",
    roleKey: "administrator",
    email: "alma@acct.example",
  });
  browser = await launchBrowser();
  admin = await (await newContext(browser, baseURL)).newPage();
  await new LoginPage(admin).open();
  await new LoginPage(admin).signIn("acct.admin", "account admin password 2026");
  await expectPath(admin, /^\/users$/);
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, password: string): Promise<Page> {
  const page = await (await newContext(browser, baseURL)).newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).signIn(username, password);
  await page.waitForURL((u) => u.pathname !== "/login");
  return page;
}

describe("the account console", () => {
  it("follows Tomás from his invitation to ending a session and reporting activity that wasn't his", async () => {
    // Invited as Basic, with no access to the admin console.
    await admin.goto("/users/new");
    const form = new UserFormPage(admin);
    await form.fillText({ firstName: "Tomás", lastName: "Torres", username: "tomas.acct", email: "tomas@acct.example", personalEmail: "tomas@home.example" });
    await form.select({ roleId: "Basic" });
    await admin.getByLabel("Send an invitation").check();
    await form.select({ inviteMethod: "Personal e-mail: send a registration link" });
    await form.submit("Create user and invite");
    await admin.getByText("User created as Pending; the invitation is on its way.").waitFor();
    const invitation = await waitForEmail("tomas@home.example", /invited you to/);

    // He registers and goes straight in, with a word that it worked.
    const laptop = await (await newContext(browser, baseURL)).newPage();
    await laptop.goto(invitation.links.find((l) => l.includes("/invite/"))!);
    await laptop.locator("#field-password").fill(TOMAS_PASSWORD);
    await laptop.getByText("Strong enough.").waitFor();
    await laptop.locator("#field-confirmPassword").fill(TOMAS_PASSWORD);
    await laptop.getByRole("button", { name: "Complete registration" }).click();
    await expectPath(laptop, /^\/account$/);
    await laptop.getByText("Your account is ready, Tomás. Welcome!").waitFor();
    await expectAccessible(laptop, "/account after registration");
    // The console is not his: every console page sends him back to his account.
    await laptop.goto("/users");
    await expectPath(laptop, /^\/account$/);
    // With a word why, not silently.
    await laptop.getByText("That page is part of the admin console, which your account does not open.", { exact: false }).waitFor();

    // Signed in from a second browser, he lands on /account too, with no such word: he asked for nothing.
    const phone = await signedIn("tomas.acct", TOMAS_PASSWORD);
    await expectPath(phone, /^\/account$/);
    expect(await phone.getByText("That page is part of the admin console", { exact: false }).count()).toBe(0);

    // Phone and notifications.
    await laptop.goto("/account");
    const unsaved = laptop.getByRole("status").getByText("Unsaved changes", { exact: true });
    expect(await unsaved.count()).toBe(0);
    await laptop.getByLabel("Phone").fill("+507 6123 4567");
    await unsaved.waitFor();
    await laptop.getByLabel("Invoice-related notifications").check();
    await laptop.getByLabel("General e-mail notifications").uncheck();
    await laptop.getByRole("button", { name: "Save", exact: true }).click();
    await laptop.getByText("Your profile is saved.").waitFor();
    // Saved, the form as it now stands is the starting point again.
    await unsaved.waitFor({ state: "detached" });
    expect(await sql("select phone, notify_general, notify_invoice from users where username = 'tomas.acct'")).toEqual([
      { phone: "+50761234567", notify_general: false, notify_invoice: true },
    ]);
    // His language: the page answers in it and the field shows it, so saving again keeps it (the
    // field used to show the old language after the save, and the next save put it back).
    await laptop.locator("#field-language").selectOption("es");
    await laptop.getByRole("button", { name: "Save", exact: true }).click();
    await laptop.getByText("Tu perfil está guardado.").waitFor();
    expect(await laptop.locator("#field-language").inputValue()).toBe("es");
    await Promise.all([
      laptop.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/account"),
      laptop.getByRole("button", { name: "Guardar", exact: true }).click(),
    ]);
    expect(await sql("select language from users where username = 'tomas.acct'")).toEqual([{ language: "es" }]);
    expect(await laptop.locator("#field-language").inputValue()).toBe("es");
    // The save refreshes the page, and the Select is keyed by the saved value: a refresh landing after the
    // next choice would reset it to "es". Let it land first.
    await laptop.waitForLoadState("networkidle");
    await laptop.locator("#field-language").selectOption("en");
    await laptop.getByRole("button", { name: "Guardar", exact: true }).click();
    await laptop.getByText("Your profile is saved.").waitFor();
    expect(await laptop.locator("#field-language").inputValue()).toBe("en");
    // A picture over 5 MB is refused in the browser, before the request limit could answer instead.
    await laptop.locator("#field-image").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(8 * 1024 * 1024) });
    await laptop.getByText("The image is larger than 5 MB. Choose a smaller one, or save again without a picture.").waitFor();
    expect(await laptop.locator("#field-image").inputValue()).toBe("");
    // The next save stops short (nothing is saved without the picture meant to go with it), on the field.
    await laptop.getByLabel("Phone").fill("12");
    await laptop.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => laptop.evaluate(() => document.activeElement?.id)).toBe("field-image");
    expect(await laptop.locator("#field-phone-error").count()).toBe(0);
    // The one after goes, without a picture: the bad phone is refused next to its field.
    await laptop.getByRole("button", { name: "Save", exact: true }).click();
    await laptop.locator("#field-phone-error").waitFor();
    await expectAccessible(laptop, "/account with an error");
    // A picture chosen with a field the server refuses stays chosen (a form action empties the field):
    // fixing the phone saves it, where the save said "Nothing changed".
    const dot = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==", "base64");
    await laptop.locator("#field-image").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: dot });
    await Promise.all([
      laptop.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/account"),
      laptop.getByRole("button", { name: "Save", exact: true }).click(),
    ]);
    await laptop.locator("#field-phone-error").waitFor();
    await expect.poll(() => laptop.locator("#field-image").evaluate((f: HTMLInputElement) => f.files?.[0]?.name ?? null)).toBe("dot.png");
    await laptop.getByLabel("Phone").fill("");
    await laptop.getByRole("button", { name: "Save", exact: true }).click();
    await laptop.getByText("Your profile is saved.").waitFor();
    await expect.poll(async () => (await sql("select image_updated_at is not null as has from users where username = 'tomas.acct'"))[0].has).toBe(true);

    // A new work e-mail takes effect from the link sent to it; the old address is told.
    await laptop.goto("/account");
    await laptop.getByLabel("New work e-mail").fill("tomas.torres@acct.example");
    await laptop.getByLabel("Current password").fill(TOMAS_PASSWORD);
    await laptop.getByRole("button", { name: "Send confirmation link" }).click();
    await laptop.getByText("We sent a confirmation link to tomas.torres@acct.example.", { exact: false }).waitFor();
    await waitForEmail("tomas@acct.example", /change of your .* e-mail address was requested/);
    const confirm = await waitForEmail("tomas.torres@acct.example", /Confirm your new/);
    const link = confirm.links.find((l) => l.includes("/email/confirm/"))!;
    const mailbox = await (await newContext(browser, baseURL)).newPage();
    await mailbox.goto(link);
    await mailbox.getByText("This makes tomas.torres@acct.example the work e-mail of your account.", { exact: false }).waitFor();
    await expectAccessible(mailbox, "/email/confirm/[token]");
    await mailbox.getByRole("button", { name: "Confirm this address" }).click();
    await mailbox.getByText("Done: your work e-mail is now tomas.torres@acct.example.").waitFor();
    await waitForEmail("tomas@acct.example", /e-mail address was changed/);
    await mailbox.goto(link);
    await mailbox.getByRole("heading", { name: "This link is no longer valid" }).waitFor();

    // Two sessions; he ends the other one, whose next request goes to /login.
    await laptop.goto("/account/sessions");
    await laptop.getByRole("heading", { name: "Sessions (2)" }).waitFor();
    await expectAccessible(laptop, "/account/sessions");
    await laptop.getByRole("button", { name: /^Sign out the session of/ }).click();
    await laptop.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
    await laptop.getByRole("heading", { name: "Sessions (1)" }).waitFor();
    await phone.goto("/account");
    await expectPath(phone, /^\/login$/);

    // The password page shows the expiry; the security page his sign-ins.
    await laptop.goto("/account/password");
    await laptop.getByText(/It expires on/).waitFor();
    await expectAccessible(laptop, "/account/password");
    await laptop.goto("/account/security");
    await laptop.getByText("Signed in", { exact: true }).first().waitFor();
    await expectAccessible(laptop, "/account/security");

    // "This wasn't me": locked, signed out, the administrators told.
    await laptop.getByRole("button", { name: "This wasn't me" }).click();
    await laptop.getByRole("dialog").getByRole("button", { name: "Lock my account" }).click();
    await expectPath(laptop, /^\/login$/);
    await laptop.getByText(/Your account is locked and signed out everywhere/).waitFor();
    await waitForEmail("alma@acct.example", /reported activity that wasn't theirs/);
    expect(await sql("select lock_reason from users where username = 'tomas.acct'")).toEqual([{ lock_reason: "reported" }]);
  });

  it("makes a user whose password an administrator typed choose their own at first sign-in", async () => {
    await admin.goto("/users/new");
    const form = new UserFormPage(admin);
    await form.fillText({
      firstName: "Tina",
      lastName: "Typed",
      username: "tina.typed",
      email: "tina@acct.example",
      password: "orchid maple seventy two",
      confirmPassword: "orchid maple seventy two",
    });
    await form.select({ roleId: "Basic" });
    await admin.getByText(/must replace it with their own at first sign-in/).waitFor();
    await form.submit("Create user");
    await expectPath(admin, /^\/users\/[0-9a-f-]{36}$/);

    const tina = await (await newContext(browser, baseURL)).newPage();
    await new LoginPage(tina).open();
    await new LoginPage(tina).signIn("tina.typed", "orchid maple seventy two");
    await expectPath(tina, /^\/password\/change$/);
    await tina.goto("/account");
    await expectPath(tina, /^\/password\/change$/);
    await tina.getByLabel("Current password").fill("orchid maple seventy two");
    await tina.locator("#field-password").fill("granite harbor whistles softly");
    await tina.locator("#field-confirmPassword").fill("granite harbor whistles softly");
    await tina.getByRole("button", { name: "Change password" }).click();
    await expectPath(tina, /^\/account\/password$/);
    await tina.getByText("Your password was changed.", { exact: false }).waitFor();
  });
});
