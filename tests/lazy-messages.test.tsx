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
import { Menu } from "@/components/ui/menu";
import { ToastProvider } from "@/components/ui/toast";
import { LIST_LAZY, LIST_SENT } from "@/components/users/list-catalogs";
import type { UserListRow } from "@/components/users/users-table";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }) }));
vi.mock("next/link", () => ({
  default: ({ href, children, prefetch: _prefetch, ...rest }: { href: string; children: React.ReactNode; prefetch?: boolean }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));
vi.mock("@/app/(admin)/users/actions", () => ({ bulkUsersAction: vi.fn(async () => ({ ok: true, data: { done: 1, unchanged: 0, refused: [] } })) }));

const { UserRowMenus } = await import("@/components/users/user-actions");
const { BulkUsers } = await import("@/components/users/bulk-actions");
const { UsersTable } = await import("@/components/users/users-table");

afterEach(cleanup);

const catalog = (locale: string, ns: string) => JSON.parse(readFileSync(`messages/${locale}/client/${ns}.json`, "utf8"));

const sent = { en: await pickClientMessages("en", [...BASE_NAMESPACES, ...LIST_SENT]), es: await pickClientMessages("es", [...BASE_NAMESPACES, ...LIST_SENT]) };

const units = { roles: [{ id: "r1", name: "Basic" }], branches: [{ id: "b1", name: "Lisboa" }], teams: [{ id: "t1", name: "Sales" }] };
const ana: UserListRow = ["u1", "Ana Pérez", "ana", "ana@example.com", "+34 600 000 000", 0, 0, null, "active", null, "1 Nov 2026", "2 Nov 2026, 10:00 UTC"];
const ben: UserListRow = ["u2", "Ben Ito", "ben", "ben@example.com", "", "A role made since", null, 0, "pending", null, "1 Nov 2026", "—"];

/**
 * The count as the page's RSC payload hands it to the client once it has arrived (the page renders
 * while PostgreSQL still counts): a settled promise, which React reads at once. Null: an estimate.
 */
const counted = (n: number | null) => Object.assign(Promise.resolve(n), { status: "fulfilled", value: n });

/** The list as app/(lists)/users/page.tsx renders it, with what its layout sends. */
function List({
  locale = "en",
  total = 2,
  outranking,
  rows = [ana, ben],
}: {
  locale?: "en" | "es";
  total?: number | null;
  outranking?: string[];
  rows?: UserListRow[];
}) {
  const can = { update: true, delete: true, permissions: true };
  return (
    <NextIntlClientProvider locale={locale} messages={sent[locale]} timeZone="UTC" onError={(e) => errors.push(e.message)}>
      <LazyMessages namespaces={LIST_LAZY}>
        <UserRowMenus can={can}>
          <BulkUsers page={rows} total={counted(total)} filter={{}} can={{ ...can, create: true }} options={units} outranking={outranking}>
            <UsersTable
              caption="Users"
              columns={[["name", "Name"]]}
              params={{}}
              sort={{ key: "name", dir: "asc" }}
              rows={rows}
              units={units}
              selectable
              selfId="u9"
              outranking={outranking}
            />
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

  it("speaks the new language after a switch, where the catalogs fetched before covered the page's new messages", async () => {
    const { rerender } = render(<List />);
    fireEvent.click(screen.getByRole("button", { name: "Actions for Ana Pérez" }));
    await screen.findByRole("menuitem", { name: "Edit user" });
    fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
    // The profile menu's switch: the same tree drawn again with the other language's messages.
    rerender(<List locale="es" />);
    const es = catalog("es", "UsersActions");
    const button = await screen.findByRole("button", { name: `${es.actionsLead} Ana Pérez` });
    fireEvent.click(screen.getByRole("checkbox", { name: `${catalog("es", "UsersBulk").selectLead} Ana Pérez` }));
    expect(screen.getByRole("region", { name: catalog("es", "UsersBulk").toolbar }).textContent).toContain("1 usuario seleccionado");
    fireEvent.keyDown(button, { key: "ArrowDown" });
    await waitFor(() => expect(screen.getAllByRole("menuitem").map((i) => i.textContent)).toContain(es.menu.edit));
  });

  it("shows the bulk toolbar at once when a selection starts, and its actions' menu once fetched", async () => {
    render(<List />);
    const box = screen.getByRole("checkbox", { name: "Select Ana Pérez" }) as HTMLInputElement;
    fireEvent.click(box);
    expect(box.checked).toBe(true);
    const toolbar = screen.getByRole("region", { name: "Bulk actions" }); // sent with the page: no wait
    expect(toolbar.textContent).toContain("1 user selected");
    fireEvent.click(screen.getByRole("button", { name: "Act on selected" }));
    expect((await screen.findAllByRole("menuitem")).map((i) => i.textContent)).toContain("Move to branch");
    expect(box.checked).toBe(true);
  });

  it("titles the bulk answer with what was done, not with the question", async () => {
    render(<List />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select Ana Pérez" }));
    fireEvent.click(screen.getByRole("button", { name: "Act on selected" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Deactivate" }));
    expect(await screen.findByRole("dialog", { name: "Deactivate 1 user?" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Deactivate 1 user" }));
    const answer = await screen.findByRole("dialog", { name: "Deactivation done" });
    expect(answer.textContent).toContain("Done for 1 user; none refused.");
  });

  it("offers every user the filter matches once the whole page is selected, and acts on that many", async () => {
    render(<List total={40} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    fireEvent.click(screen.getByRole("button", { name: "Select all 40 matching this filter" }));
    expect(screen.getByRole("region", { name: "Bulk actions" }).textContent).toContain("40 users selected");
    fireEvent.click(screen.getByRole("button", { name: "Act on selected" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Deactivate" }));
    expect(await screen.findByRole("dialog", { name: "Deactivate 40 users?" })).toBeTruthy();
  });

  it("starts another page of the list with nothing selected, the page's own selection or all matching", () => {
    const cem: UserListRow = ["u3", "Cem Okan", "cem", "cem@example.com", "", 0, null, null, "active", null, "1 Nov 2026", "—"];
    const { rerender } = render(<List total={40} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    expect(screen.getByRole("region", { name: "Bulk actions" }).textContent).toContain("2 users selected");
    rerender(<List total={40} rows={[cem]} />); // Next: the page's rows are others
    expect(screen.queryByRole("region", { name: "Bulk actions" })).toBeNull();
    expect((screen.getByRole("checkbox", { name: "Select all on this page" }) as HTMLInputElement).checked).toBe(false);
    rerender(<List total={40} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    fireEvent.click(screen.getByRole("button", { name: "Select all 40 matching this filter" }));
    rerender(<List total={40} rows={[cem]} />);
    expect(screen.queryByRole("region", { name: "Bulk actions" })).toBeNull();
    // The same rows drawn again (a row's menu changed one of them) keep what was ticked.
    fireEvent.click(screen.getByRole("checkbox", { name: "Select Cem Okan" }));
    rerender(<List total={40} rows={[[...cem.slice(0, 8), "inactive", ...cem.slice(9)] as UserListRow]} />);
    expect(screen.getByRole("region", { name: "Bulk actions" }).textContent).toContain("1 user selected");
  });

  it("offers no more than the page when the list's count is only an estimate", () => {
    render(<List total={null} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    expect(screen.getByRole("region", { name: "Bulk actions" }).textContent).toContain("2 users selected");
    expect(screen.queryByRole("button", { name: /matching this filter/ })).toBeNull();
  });

  it("names who a bulk delete is about and says it can't be undone", async () => {
    render(<List locale="es" />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Seleccionar todos en esta página" }));
    fireEvent.click(screen.getByRole("button", { name: "Actuar sobre la selección" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Eliminar" }));
    const dialog = await screen.findByRole("dialog", { name: "¿Eliminar 2 usuarios?" });
    expect(dialog.textContent).toContain("Esta acción no se puede deshacer");
    expect(dialog.textContent).toContain("Seleccionados: Ana Pérez y Ben Ito");
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
  });

  it("says before a bulk action which selected users outrank the reader and will be left out", async () => {
    render(<List outranking={["u2"]} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    fireEvent.click(screen.getByRole("button", { name: "Act on selected" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Deactivate" }));
    const dialog = await screen.findByRole("dialog", { name: "Deactivate 2 users?" });
    expect(dialog.textContent).toContain("1 of them holds permissions you do not, and will be left out: Ben Ito.");
    expect((screen.getByRole("button", { name: "Deactivate 2 users" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("offers no confirmation when every selected user outranks the reader, in Spanish too", async () => {
    render(<List locale="es" outranking={["u2"]} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Seleccionar a Ben Ito" }));
    fireEvent.click(screen.getByRole("button", { name: "Actuar sobre la selección" }));
    fireEvent.click(await screen.findByRole("menuitem", { name: catalog("es", "UsersBulk").actions.deactivate }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("Este usuario tiene permisos que tú no tienes: puedes verlo, pero no cambiarlo.");
    expect((screen.getByRole("button", { name: "Desactivar 1 usuario" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("gives the focus back to the row's ⋮ when a dialog its menu opened closes", async () => {
    render(<List />);
    fireEvent.click(screen.getByRole("button", { name: "Actions for Ana Pérez" }));
    const item = await screen.findByRole("menuitem", { name: "Deactivate user" });
    item.focus();
    fireEvent.click(item);
    const cancel = await screen.findByRole("button", { name: "Cancel" });
    fireEvent.click(cancel);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Actions for Ana Pérez" })));
  });

  it("names each row's checkbox and ⋮ by reference to its name: the same words, not repeated per row", () => {
    const { container } = render(<List locale="es" />);
    expect(screen.getByRole("checkbox", { name: "Seleccionar a Ben Ito" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Acciones para Ben Ito" })).toBeTruthy();
    // What the references say is what the labels of their own would say (UsersBulk.selectOne, UsersActions.actionsFor).
    for (const locale of ["en", "es"]) {
      expect(`${catalog(locale, "UsersBulk").selectLead} {name}`).toBe(catalog(locale, "UsersBulk").selectOne);
      expect(`${catalog(locale, "UsersActions").actionsLead} {name}`).toBe(catalog(locale, "UsersActions").actionsFor);
    }
    expect(container.querySelector("tbody")!.innerHTML).not.toContain("aria-label=");
  });

  it("shows each row's role, branch and team from the lists the page sends, by position, a name or none", () => {
    render(<List />);
    const cells = (name: string) => [...screen.getByRole("link", { name }).closest("tr")!.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells("Ana Pérez").slice(4, 7)).toEqual(["Basic", "Lisboa", "—"]);
    expect(cells("Ben Ito").slice(4, 7)).toEqual(["A role made since", "—", "Sales"]);
  });
});

describe("a menu whose items wait for something", () => {
  const entries = [{ label: "One", href: "/one" }];
  const deferred = () => {
    let resolve!: () => void, reject!: (e: Error) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };
  const renderMenu = (prepare: () => Promise<void>) =>
    render(
      <NextIntlClientProvider locale="en" messages={sent.en} timeZone="UTC">
        <ToastProvider>
          <Menu label="Things" trigger="⋮" entries={entries} prepare={prepare} />
          <button type="button">Elsewhere</button>
        </ToastProvider>
      </NextIntlClientProvider>,
    );

  it("says so and stays closed when it cannot be fetched; the next press tries again", async () => {
    const first = deferred();
    const prepare = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    renderMenu(prepare);
    const button = screen.getByRole("button", { name: "Things" });
    fireEvent.click(button);
    expect(button.getAttribute("aria-busy")).toBe("true");
    first.reject(new Error("chunk gone"));
    expect(await screen.findByText(sent.en.Ui.loadFailed as string)).toBeTruthy();
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button.getAttribute("aria-busy")).toBeNull();
    fireEvent.click(button);
    expect(await screen.findByRole("menuitem", { name: "One" })).toBeTruthy();
  });

  it("does not open once the user has moved on (the focus left, a press elsewhere)", async () => {
    for (const moveOn of [(b: HTMLElement) => fireEvent.blur(b), () => fireEvent.pointerDown(screen.getByRole("button", { name: "Elsewhere" }))]) {
      const slow = deferred();
      const { unmount } = renderMenu(() => slow.promise);
      const button = screen.getByRole("button", { name: "Things" });
      fireEvent.click(button);
      moveOn(button);
      slow.resolve();
      await new Promise((r) => setTimeout(r, 20));
      expect(screen.queryByRole("menu")).toBeNull();
      unmount();
    }
  });
});
