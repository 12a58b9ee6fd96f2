// @vitest-environment happy-dom
/**
 * The /users list sends its row menus' and bulk actions' catalogs only as far as its first render
 * reads them (app/(lists)/layout.tsx); the rest arrives when a ⋮ or a checkbox is first reached for
 * (components/shell/lazy-messages.tsx). Rendered here with exactly what the layout sends.
 */
import { readFileSync } from "node:fs";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LazyMessages } from "@/components/shell/lazy-messages";
import { LIST_LAZY, LIST_SENT } from "@/components/users/list-catalogs";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }) }));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));
vi.mock("@/app/(admin)/users/actions", () => ({}));

const { UserRowActions, UserRowMenus } = await import("@/components/users/user-actions");
const { BulkUsers, RowCheckbox } = await import("@/components/users/bulk-actions");

afterEach(cleanup);

const catalog = (locale: string, ns: string) => JSON.parse(readFileSync(`messages/${locale}/client/${ns}.json`, "utf8"));

const sent = { en: await pickClientMessages("en", [...BASE_NAMESPACES, ...LIST_SENT]), es: await pickClientMessages("es", [...BASE_NAMESPACES, ...LIST_SENT]) };

function List({ locale = "en" }: { locale?: "en" | "es" }) {
  const can = { update: true, delete: true, permissions: true };
  const ana = ["u1", "Ana Pérez"] as const;
  return (
    <NextIntlClientProvider locale={locale} messages={sent[locale]} timeZone="UTC" onError={(e) => errors.push(e.message)}>
      <LazyMessages namespaces={LIST_LAZY}>
        <UserRowMenus can={can}>
          <BulkUsers page={[ana]} total={1} filter={{}} can={{ ...can, create: true }} options={{ roles: [], branches: [], teams: [] }}>
            <RowCheckbox id={ana[0]} name={ana[1]} />
            <UserRowActions user={{ id: ana[0], name: ana[1], status: "active", locked: false }} />
          </BulkUsers>
        </UserRowMenus>
      </LazyMessages>
    </NextIntlClientProvider>
  );
}
const errors: string[] = [];
afterEach(() => {
  expect(errors).toEqual([]); // no key was ever read before its catalog was there
  errors.length = 0;
});

describe("the list's lazily loaded catalogs", () => {
  it("names the row's controls from what the page sent, and opens the ⋮ menu with its catalog fetched", async () => {
    render(<List />);
    const button = screen.getByRole("button", { name: "Actions for Ana Pérez" });
    expect(button.getAttribute("aria-expanded")).toBeNull(); // closed: left off, as the WAI-ARIA pattern advises
    expect(screen.getByRole("checkbox", { name: "Select Ana Pérez" })).toBeTruthy();
    fireEvent.click(button);
    const items = await screen.findAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual(["View", "Edit user", "Edit permissions", "Deactivate user", "Delete user"]);
  });

  it("in Spanish too, and a menu opened from the keyboard starts on its first item", async () => {
    render(<List locale="es" />);
    const button = screen.getByRole("button", { name: "Acciones para Ana Pérez" });
    button.focus();
    fireEvent.keyDown(button, { key: "ArrowDown" });
    const first = await screen.findByRole("menuitem", { name: catalog("es", "UsersActions").menu.view });
    await waitFor(() => expect(document.activeElement).toBe(first));
  });

  it("shows the bulk toolbar once a selection starts, with its texts, keeping the selection", async () => {
    render(<List />);
    const box = screen.getByRole("checkbox", { name: "Select Ana Pérez" }) as HTMLInputElement;
    fireEvent.click(box);
    expect(box.checked).toBe(true);
    const toolbar = await screen.findByRole("region", { name: catalog("en", "UsersBulk").toolbar });
    expect(toolbar.textContent).toContain("1 user selected");
    expect(box.checked).toBe(true);
  });
});
