import type { Page } from "playwright-core";
import { expect } from "vitest";
import { expectAccessible } from "./browser";

/** Page objects: each knows its form, not the test's intent. */
export class SetupPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/setup");
  }

  async fill(values: { firstName: string; lastName: string; username: string; email: string; password: string; confirmPassword?: string }) {
    await this.page.getByLabel("First name").fill(values.firstName);
    await this.page.getByLabel("Last name").fill(values.lastName);
    await this.page.getByLabel("Username").fill(values.username);
    await this.page.getByLabel("E-mail").fill(values.email);
    await this.page.locator("#field-password").fill(values.password);
    await this.page.locator("#field-confirmPassword").fill(values.confirmPassword ?? values.password);
  }

  async submit() {
    await this.page.getByRole("button", { name: "Create administrator" }).click();
  }

  fieldError(name: string) {
    return this.page.locator(`#field-${name}-error`);
  }
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/login");
  }

  async signIn(identifier: string, password: string) {
    await this.page.getByLabel("Username or e-mail").fill(identifier);
    await this.page.locator("#field-password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  alert() {
    return this.page.locator("form [role=alert]").first();
  }
}

export class Shell {
  constructor(private readonly page: Page) {}

  nav() {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  async signOut(displayName: string) {
    await this.page.getByRole("button", { name: displayName }).click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
    await this.page.waitForURL(/\/login/);
  }
}

export async function visitAndCheck(page: Page, path: string) {
  const response = await page.goto(path);
  await expectAccessible(page, path);
  return response;
}

/** Waits until the page's path (not the whole URL) matches. */
export async function expectPath(page: Page, pattern: RegExp) {
  await page.waitForURL((url) => pattern.test(url.pathname));
  expect(new URL(page.url()).pathname).toMatch(pattern);
}
