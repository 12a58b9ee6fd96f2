// @vitest-environment happy-dom
/**
 * A dialog opened by a plain button (the account's "Sign out of all other sessions", "This wasn't
 * me") gives the focus back to that button when it closes, by Cancel or Escape: Radix alone returns
 * it only to its own trigger, and left it on <body>.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ConfirmDialog } from "@/components/ui/dialog";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";

afterEach(cleanup);
const messages = await pickClientMessages("en", BASE_NAMESPACES);

function Page() {
  const [open, setOpen] = useState(false);
  return (
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <button type="button">Before</button>
      <button type="button" onClick={() => setOpen(true)}>
        Sign out the others
      </button>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        onConfirm={() => setOpen(false)}
        title="Sign out?"
        description="Every other session ends."
        confirmLabel="Sign out"
      />
    </NextIntlClientProvider>
  );
}

/** As a user's page does: the dialog is rendered only while it is open. */
function PageMountingIt() {
  const [open, setOpen] = useState(false);
  return (
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <button type="button" onClick={() => setOpen(true)}>
        Deactivate user
      </button>
      {open ? (
        <ConfirmDialog
          open
          onCancel={() => setOpen(false)}
          onConfirm={() => setOpen(false)}
          title="Deactivate?"
          description="They are signed out."
          confirmLabel="Deactivate"
        />
      ) : null}
    </NextIntlClientProvider>
  );
}

describe("Dialog", () => {
  it("rendered only while open, gives the focus back to its opener too", async () => {
    render(<PageMountingIt />);
    const opener = screen.getByRole("button", { name: "Deactivate user" });
    opener.focus();
    fireEvent.click(opener);
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Cancel"));
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it.each([
    ["Cancel", () => fireEvent.click(screen.getByRole("button", { name: "Cancel" }))],
    ["Escape", () => fireEvent.keyDown(document.activeElement!, { key: "Escape" })],
  ])("gives the focus back to the button that opened it after %s", async (_how, close) => {
    render(<Page />);
    const opener = screen.getByRole("button", { name: "Sign out the others" });
    opener.focus();
    fireEvent.click(opener);
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Cancel"));
    close();
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
