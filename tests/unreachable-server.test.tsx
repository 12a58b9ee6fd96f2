// @vitest-environment happy-dom
/**
 * A server action that gets no answer (offline, the server restarting) is a refusal said where the
 * action's own would be, with what was typed kept, passwords aside: a rejected call replaced the
 * whole page with the error page, and what was on it was lost.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it } from "vitest";
import { useActionForm } from "@/components/ui/use-action-form";
import { useReach } from "@/components/ui/use-reach";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";
import type { ActionResult } from "@/app/actions-result";
import { useState } from "react";

afterEach(cleanup);
const messages = await pickClientMessages("en", BASE_NAMESPACES);
const offline = () => Promise.reject(new TypeError("Failed to fetch"));
const UNREACHABLE = "No answer came from Rollcall. Check your connection and try again; reload the page to see whether it was done.";

function Form() {
  const [state, action] = useActionForm(offline as unknown as (s: ActionResult | null, f: FormData) => Promise<ActionResult>, null);
  return (
    <form action={action}>
      {state && !state.ok ? <p role="alert">{state.message}</p> : null}
      <span data-testid="echo">{JSON.stringify(state && !state.ok ? state.values : null)}</span>
      <input name="firstName" defaultValue="Ana" aria-label="First name" />
      <input name="currentPassword" defaultValue="secret words here" aria-label="Current password" />
      <button type="submit">Save</button>
    </form>
  );
}

function Button() {
  const reach = useReach();
  const [said, setSaid] = useState("");
  return (
    <button type="button" onClick={async () => setSaid((await reach(offline() as Promise<ActionResult>)).message ?? "")}>
      {said || "Deactivate"}
    </button>
  );
}

const withMessages = (node: React.ReactNode) =>
  render(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      {node}
    </NextIntlClientProvider>,
  );

describe("no answer from the server", () => {
  it("is the form's message, with the typed values echoed and the password left out", async () => {
    withMessages(<Form />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe(UNREACHABLE));
    expect(JSON.parse(screen.getByTestId("echo").textContent!)).toEqual({ firstName: "Ana" });
  });

  it("is a refusal a button's action can show, not an error thrown to the page", async () => {
    withMessages(<Button />);
    fireEvent.click(screen.getByRole("button", { name: "Deactivate" }));
    await waitFor(() => expect(screen.getByRole("button").textContent).toBe(UNREACHABLE));
  });
});
