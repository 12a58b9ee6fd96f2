// @vitest-environment happy-dom
/**
 * Renaming a branch or team in place (components/organization/unit-forms.tsx): the field's label is
 * its own (it pointed at the "New branch" field above, so typing there created a branch), the field
 * takes the focus, and Escape or Cancel gives it back to the row's Rename button.
 */
import { readFileSync } from "node:fs";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }) }));
vi.mock("@/app/(admin)/organization-actions", () => ({ saveUnitAction: vi.fn(async () => ({ ok: true })), deleteUnitAction: vi.fn() }));
const { CreateUnitForm, UnitRowActions } = await import("@/components/organization/unit-forms");

afterEach(cleanup);
const messages = Object.fromEntries(["Ui", "OrgForms"].map((ns) => [ns, JSON.parse(readFileSync(`messages/en/client/${ns}.json`, "utf8"))]));

function Page() {
  return (
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <ToastProvider>
        <CreateUnitForm kind="branch" />
        <UnitRowActions kind="branch" id="b1" name="Lisboa" members={0} />
      </ToastProvider>
    </NextIntlClientProvider>
  );
}

describe("renaming a branch in place", () => {
  it("labels its own field, focuses it, and Escape gives the focus back to Rename", async () => {
    render(<Page />);
    const renameButton = screen.getAllByRole("button").find((b) => b.textContent === messages.OrgForms.rename)!;
    fireEvent.click(renameButton);
    const field = screen.getByLabelText(new RegExp("Lisboa")) as HTMLInputElement;
    expect(field.value).toBe("Lisboa");
    expect(field.id).toBe("field-rename-b1");
    expect(document.querySelectorAll("#field-name")).toHaveLength(1); // the "New branch" field keeps its own
    expect(field.form?.querySelector('input[name="id"]')).toBeTruthy();
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(field, { key: "Escape" });
    await waitFor(() => expect(document.getElementById("field-rename-b1")).toBeNull());
    await waitFor(() => expect((document.activeElement as HTMLElement).textContent).toBe(messages.OrgForms.rename));
  });

  it("gives the focus back to the empty name field once a branch is created", async () => {
    render(<Page />);
    const field = screen.getByLabelText(new RegExp(messages.OrgForms.branch.newName)) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "Porto" } });
    (document.activeElement as HTMLElement | null)?.blur(); // as the disabled button drops it while sending
    fireEvent.submit(field.form!);
    await screen.findByText(messages.OrgForms.branch.created.replace("{name}", "Porto"));
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it("offers no Delete that would fail: with users in it, the dialog says to move them first and its button is disabled", async () => {
    render(
      <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
        <ToastProvider>
          <UnitRowActions kind="team" id="t1" name="Sales" members={3} />
        </ToastProvider>
      </NextIntlClientProvider>,
    );
    fireEvent.click(screen.getAllByRole("button").find((b) => b.textContent === messages.OrgForms.delete)!);
    const dialog = await screen.findByRole("dialog");
    const confirm = [...dialog.querySelectorAll("button")].find((b) => b.textContent === messages.OrgForms.team.deleteConfirm)!;
    expect(confirm.disabled).toBe(true);
  });
});
