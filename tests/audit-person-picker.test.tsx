// @vitest-environment happy-dom
/**
 * The audit filter's "Done by" / "Done to": a name typed but not picked from the list used to be
 * dropped without a word (the whole log shown unfiltered); the form now stops and says so. Choosing
 * and clearing swap the combobox and the chosen name: the focus follows the swap.
 */
import { readFileSync } from "node:fs";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/app/(admin)/users/actions", () => ({
  pickAuditPeopleAction: vi.fn(async (q: string) => ({ ok: true, data: q.startsWith("ana") ? [{ id: "u1", name: "Ana Pérez", username: "ana" }] : [] })),
}));
const { AuditPersonPicker } = await import("@/components/audit/person-picker");

afterEach(cleanup);
const messages = { AuditPicker: JSON.parse(readFileSync("messages/en/client/AuditPicker.json", "utf8")) };

function Filter({ onSubmit }: { onSubmit: () => void }) {
  return (
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <form
        onSubmit={(e) => {
          if (!e.defaultPrevented) onSubmit();
          e.preventDefault();
        }}
      >
        <AuditPersonPicker name="actor" label="Done by" initial={null} />
        <button type="submit">Filter</button>
      </form>
    </NextIntlClientProvider>
  );
}

describe("AuditPersonPicker", () => {
  it("stops the filter when a name is typed but nobody picked, and lets it through once the text is cleared", () => {
    const onSubmit = vi.fn();
    render(<Filter onSubmit={onSubmit} />);
    const box = screen.getByRole("combobox");
    fireEvent.change(box, { target: { value: "qa2" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/Choose a person from the list/);
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: "" } });
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("keeps the focus through a choice from the keyboard and its undoing", async () => {
    render(<Filter onSubmit={vi.fn()} />);
    const box = screen.getByRole("combobox");
    box.focus();
    fireEvent.change(box, { target: { value: "ana" } });
    await screen.findByRole("option", { name: "Ana Pérez (ana)" });
    fireEvent.keyDown(box, { key: "Enter" });
    const clear = await screen.findByRole("button", { name: "Clear Done by" });
    expect(screen.queryByRole("combobox")).toBeNull(); // the field that had the focus is gone
    await waitFor(() => expect(document.activeElement).toBe(clear));
    fireEvent.click(clear);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("combobox")));
  });
});
