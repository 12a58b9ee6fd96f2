// @vitest-environment happy-dom
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { act, cleanup, fireEvent, render as rtlRender, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/app/actions-result";
import { UserForm, type UserFormInitial, type UserFormOptions } from "@/components/users/user-form";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));
const AUDITOR = {
  id: "55555555-5555-4555-8555-555555555555",
  name: "Ada Audit",
  username: "ada",
  role: "Auditors",
  roleId: "22222222-2222-4222-8222-222222222222",
};
vi.mock("@/app/(admin)/users/actions", () => ({ pickUsersAction: vi.fn(async () => ({ ok: true, data: [AUDITOR] })) }));

afterEach(cleanup);

// The English client catalogs, as the root layout hands them to NextIntlClientProvider.
const dir = path.resolve(import.meta.dirname, "../messages/en/client");
const messages = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), "utf8"))]),
);
const render = (ui: ReactElement) =>
  rtlRender(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      {ui}
    </NextIntlClientProvider>,
  );

const options: UserFormOptions = {
  roles: [
    { id: "11111111-1111-4111-8111-111111111111", name: "Basic", builtIn: true },
    { id: "22222222-2222-4222-8222-222222222222", name: "Auditors", builtIn: false },
  ],
  branches: [{ id: "33333333-3333-4333-8333-333333333333", name: "Madrid" }],
  teams: [],
  countries: [
    { code: "ES", name: "Spain" },
    { code: "PA", name: "Panama" },
  ],
};

const initial: UserFormInitial = {
  id: "44444444-4444-4444-8444-444444444444",
  version: 3,
  status: "active",
  hasImage: false,
  text: { firstName: "Ana", lastName: "Pérez", username: "aperez", email: "ana@example.com", roleId: options.roles[0].id, language: "es", status: "active" },
  flags: { adminConsoleAccess: true, notifyGeneral: true },
};

describe("UserForm", () => {
  it("shows “Unsaved changes” as soon as the form differs from what was loaded, and hides it when reverted", async () => {
    render(<UserForm action={vi.fn()} options={options} initial={initial} />);
    // Once at the top, announced; once by the buttons, for a phone screens below it.
    const unsaved = () => screen.queryAllByText("Unsaved changes");
    expect(unsaved()).toHaveLength(0);
    const position = screen.getByLabelText("Position");
    fireEvent.input(position, { target: { value: "Manager" } });
    await waitFor(() => expect(unsaved()).toHaveLength(2));
    expect(screen.getByRole("status").textContent).toBe("Unsaved changes");
    fireEvent.input(position, { target: { value: "" } });
    await waitFor(() => expect(unsaved()).toHaveLength(0));
    fireEvent.click(screen.getByLabelText("Send end-of-day report"));
    await waitFor(() => expect(unsaved()).toHaveLength(2));
  });

  it("shows each refusal next to its field, tied to it for screen readers, and keeps what was typed", async () => {
    const action = vi.fn(async (): Promise<ActionResult> => ({
      ok: false,
      code: "validation",
      message: "Some fields need your attention.",
      fieldErrors: { email: ["Enter a valid e-mail address, like name@example.com."], phone: ["Enter a valid phone number for ES."] },
    }));
    const { container } = render(<UserForm action={action} options={options} initial={initial} />);
    fireEvent.input(screen.getByLabelText("E-mail"), { target: { value: "not-an-email" } });
    await act(async () => {
      fireEvent.submit(container.querySelector("form")!);
    });
    const email = screen.getByLabelText("E-mail");
    await waitFor(() => expect(email.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = email.getAttribute("aria-describedby")!;
    expect(document.getElementById(describedBy.split(" ").pop()!)?.textContent).toBe("Enter a valid e-mail address, like name@example.com.");
    expect(screen.getByText("Enter a valid phone number for ES.")).toBeTruthy();
    expect(screen.getByText("Some fields need your attention.")).toBeTruthy();
    expect((email as HTMLInputElement).value).toBe("not-an-email");
    const sent = action.mock.calls[0] as unknown as [unknown, FormData];
    expect(sent[1].get("expectedVersion")).toBe("3");
    expect(sent[1].get("adminConsoleAccess")).toBe("on");
  });

  it("asks for a password twice when creating with a password, and for a method when inviting", async () => {
    render(<UserForm action={vi.fn()} options={options} />);
    expect(screen.getByLabelText("Password")).toBeTruthy();
    expect(screen.getByLabelText("Repeat password")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Create user" })).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Send an invitation"));
    expect(screen.queryByLabelText("Password")).toBeNull();
    expect(screen.getByLabelText("Invitation method")).toBeTruthy();
    // The button says what it will do.
    expect(screen.getByRole("button", { name: "Create user and invite" })).toBeTruthy();
    expect(screen.getByRole("option", { name: "Auditors (custom)" })).toBeTruthy();
  });

  it("shows the copied user's role, fixed, while permissions are copied from them, and gives the field back when cleared", async () => {
    render(<UserForm action={vi.fn()} options={options} />);
    const role = () => screen.getByLabelText(/^Role/) as HTMLSelectElement;
    fireEvent.change(role(), { target: { value: options.roles[0].id } });
    fireEvent.change(screen.getByRole("combobox", { name: /Copy permissions/ }), { target: { value: "ada" } });
    fireEvent.click(await screen.findByRole("option", { name: /Ada Audit/ }, { timeout: 2_000 }));
    // Basic stayed on screen while the user was created with the Auditors role.
    expect(role().value).toBe(AUDITOR.roleId);
    expect(role().disabled).toBe(true);
    expect(screen.getByText("Copied from Ada Audit, with their per-user permissions.")).toBeTruthy();
    expect((document.querySelector('input[type="hidden"][name="roleId"]') as HTMLInputElement).value).toBe(AUDITOR.roleId);
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(role().disabled).toBe(false);
    expect(document.querySelector('input[type="hidden"][name="roleId"]')).toBeNull();
  });
});
