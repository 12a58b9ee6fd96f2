import type { Page } from "playwright-core";

/** The user form, new or edit. */
export class UserFormPage {
  constructor(private readonly page: Page) {}

  field(name: string) {
    return this.page.locator(`#field-${name}`);
  }

  error(name: string) {
    return this.page.locator(`#field-${name}-error`);
  }

  async fillText(values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) await this.field(name).fill(value);
  }

  async select(values: Record<string, string>) {
    for (const [name, label] of Object.entries(values)) await this.field(name).selectOption({ label });
  }

  async check(...names: string[]) {
    for (const name of names) await this.field(name).check();
  }

  /** The status at the top of the form (a second badge by the buttons says it again, hidden from screen readers). */
  unsavedChanges() {
    return this.page.getByRole("status").getByText("Unsaved changes", { exact: true });
  }

  async submit(label: "Create user" | "Create user and invite" | "Update user") {
    await this.page.getByRole("button", { name: label }).click();
  }
}

/** The user list with its search, filters and row menus. */
export class UserListPage {
  constructor(private readonly page: Page) {}

  async open(query = "") {
    await this.page.goto(`/users${query}`);
  }

  async search(term: string) {
    await this.page.getByLabel("Search", { exact: true }).fill(term);
    await this.page.getByRole("button", { name: "Apply" }).click();
    await this.page.waitForURL((u) => u.searchParams.get("q") === term);
  }

  rowNames() {
    // The name is each row's link to the user's page (the first cell may be the row's checkbox).
    return this.page.locator('tbody tr td > a[href^="/users/"]').allTextContents();
  }

  async rowAction(userName: string, action: string) {
    await this.page.getByRole("button", { name: `Actions for ${userName}` }).click();
    await this.page.getByRole("menuitem", { name: action }).click();
  }

  dialog() {
    return this.page.getByRole("dialog");
  }
}
