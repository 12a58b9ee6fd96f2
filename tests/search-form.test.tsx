// @vitest-environment happy-dom
/**
 * The lists' search forms (users, audit): a submit goes to an address that says only what filters
 * the list, and the focus stays on the button that submitted it though the fields are drawn again.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

const push = vi.fn<(url: string) => void>();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: (url: string) => push(url) }) }));
const { SearchForm, searchUrl } = await import("@/components/ui/search-form");
const { USERS_LIST_DEFAULTS } = await import("@/components/users/list-defaults");
const { ListUsersInput } = await import("@/lib/users/list-users");

afterEach(() => {
  cleanup();
  push.mockReset();
});

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("searchUrl", () => {
  it("leaves out the empty fields and those holding the page's defaults", () => {
    const data = form([
      ["q", "maría josé"],
      ["status", ""],
      ["roleId", ""],
      ["pageSize", "25"],
      ["sort", "name"],
      ["dir", "desc"],
    ]);
    expect(searchUrl("/users", data, USERS_LIST_DEFAULTS)).toBe("/users?q=mar%C3%ADa+jos%C3%A9&dir=desc");
    expect(
      searchUrl(
        "/audit",
        form([
          ["actor", ""],
          ["action", "user.created"],
          ["from", ""],
          ["q", ""],
        ]),
      ),
    ).toBe("/audit?action=user.created");
    expect(
      searchUrl(
        "/audit",
        form([
          ["actor", ""],
          ["q", ""],
        ]),
      ),
    ).toBe("/audit");
  });

  it("knows the users list's defaults as the list's input schema has them", () => {
    const parsed = ListUsersInput.parse({});
    expect(USERS_LIST_DEFAULTS).toEqual({ pageSize: String(parsed.pageSize), sort: parsed.sort, dir: parsed.dir });
  });
});

/** A page whose form is keyed on its address, as the users and audit pages do; "Back" changes it from elsewhere. */
function Page({ block = false }: { block?: boolean }) {
  const [url, setUrl] = useState("/users");
  push.mockImplementation(setUrl);
  return (
    <main>
      <p data-testid="url">{url}</p>
      <button type="button" onClick={() => setUrl("/users?status=active")}>
        Back
      </button>
      <SearchForm action="/users" resetKey={url} role="search" aria-label="Search users">
        <label htmlFor="q">Search</label>
        <input id="q" name="q" defaultValue={new URL(url, "http://x").searchParams.get("q") ?? ""} />
        <label htmlFor="status">Status</label>
        <select id="status" name="status" defaultValue={new URL(url, "http://x").searchParams.get("status") ?? ""}>
          <option value="">Any status</option>
          <option value="active">Active</option>
        </select>
        {block ? <Blocker /> : null}
        <button type="submit">Apply</button>
      </SearchForm>
    </main>
  );
}

/** Stops the submit from a listener of its own, as the audit's person picker does. */
function Blocker() {
  return (
    <input
      aria-label="blocker"
      ref={(el) => {
        el?.form?.addEventListener("submit", (e) => e.preventDefault());
      }}
    />
  );
}

describe("SearchForm", () => {
  it("navigates to the clean address and leaves the fields, the focus and what was typed since as they are", async () => {
    render(<Page />);
    const q = screen.getByLabelText("Search") as HTMLInputElement;
    q.focus();
    fireEvent.change(q, { target: { value: "ana" } });
    fireEvent.submit(screen.getByRole("search"));
    expect(push).toHaveBeenCalledWith("/users?q=ana");
    // Typed while the list was on its way.
    fireEvent.change(q, { target: { value: "anab" } });
    await waitFor(() => expect(screen.getByTestId("url").textContent).toBe("/users?q=ana"));
    expect(screen.getByLabelText("Search")).toBe(q); // not drawn again
    expect(q.value).toBe("anab");
    expect(document.activeElement).toBe(q);
  });

  it("draws the fields again when the filters change from elsewhere (Back, Clear filters)", async () => {
    render(<Page />);
    const status = screen.getByLabelText("Status") as HTMLSelectElement;
    fireEvent.change(status, { target: { value: "active" } });
    fireEvent.submit(screen.getByRole("search"));
    await waitFor(() => expect(screen.getByTestId("url").textContent).toBe("/users?status=active"));
    expect(screen.getByLabelText("Status")).toBe(status);
    fireEvent.click(screen.getByRole("button", { name: "Back" })); // the same address: nothing to draw
    expect(screen.getByLabelText("Status")).toBe(status);
    fireEvent.change(status, { target: { value: "" } });
    fireEvent.submit(screen.getByRole("search"));
    await waitFor(() => expect(screen.getByTestId("url").textContent).toBe("/users"));
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    const again = screen.getByLabelText("Status") as HTMLSelectElement;
    expect(again).not.toBe(status);
    expect(again.value).toBe("active");
  });

  it("lets go of a text field on a touch screen, so the on-screen keyboard goes down over the list it asked for", async () => {
    const coarse = vi.fn((query: string) => ({ matches: query === "(pointer: coarse)" }) as MediaQueryList);
    vi.stubGlobal("matchMedia", coarse);
    try {
      render(<Page />);
      const q = screen.getByLabelText("Search") as HTMLInputElement;
      q.focus();
      fireEvent.change(q, { target: { value: "ana" } });
      fireEvent.submit(screen.getByRole("search"));
      expect(push).toHaveBeenCalledWith("/users?q=ana");
      expect(document.activeElement).not.toBe(q);
      // A select keeps the focus: no keyboard to put away.
      const status = screen.getByLabelText("Status") as HTMLSelectElement;
      status.focus();
      fireEvent.submit(screen.getByRole("search"));
      expect(document.activeElement).toBe(status);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("does not navigate when a field stopped the submit", () => {
    render(<Page block />);
    fireEvent.submit(screen.getByRole("search"));
    expect(push).not.toHaveBeenCalled();
  });
});
