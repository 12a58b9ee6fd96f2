// @vitest-environment happy-dom
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CurrentPasswordInput } from "@/components/auth/current-password-input";
import { NewPasswordFields } from "@/components/auth/password-fields";
import type { ActionResult } from "@/app/actions-result";

const WEAK = "This password is too weak: This is similar to a commonly used password.";
vi.mock("@/app/(public)/password-actions", () => ({
  passwordHintAction: vi.fn(async (password: string) => ({ ok: true, data: password.length < 20 ? WEAK : null })),
}));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const dir = path.resolve(import.meta.dirname, "../messages/en/client");
const messages = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), "utf8"))]),
);

async function typed(password: string, errors?: Record<string, string[]>) {
  vi.useFakeTimers();
  render(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <NewPasswordFields errors={errors} />
    </NextIntlClientProvider>,
  );
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: password } });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(400);
  });
}

describe("NewPasswordFields", () => {
  it("says what the policy misses while typing", async () => {
    await typed("summer2024");
    expect(screen.getAllByText(WEAK)).toHaveLength(1);
  });

  it("says a refused submit's sentence once, as the field's error, not again as the live hint", async () => {
    await typed("summer2024", { password: [WEAK] });
    expect(screen.getAllByText(WEAK)).toHaveLength(1);
    expect(screen.getByLabelText(/^Password/).getAttribute("aria-invalid")).toBe("true");
  });

  it("still gives the live hint when the error says something else", async () => {
    await typed("summer2024", { password: ["Enter a password."] });
    expect(screen.getAllByText(WEAK)).toHaveLength(1);
    expect(screen.getByText("Enter a password.")).toBeTruthy();
  });
});

describe("CurrentPasswordInput", () => {
  const refused = (fieldErrors?: Record<string, string[]>): ActionResult => ({ ok: false, code: "validation", message: "Check the fields.", fieldErrors });
  function answered(...states: (ActionResult | null)[]) {
    const { rerender } = render(<CurrentPasswordInput label="Current password" state={null} />);
    const field = () => screen.getByLabelText(/^Current password/) as HTMLInputElement;
    fireEvent.change(field(), { target: { value: "quartz lantern" } });
    for (const state of states) rerender(<CurrentPasswordInput label="Current password" state={state} />);
    return field();
  }

  it("keeps what was typed when the submit was refused for another field", () => {
    expect(answered(refused({ password: ["Too weak."] })).value).toBe("quartz lantern");
  });

  it("empties itself when it was the one refused, and says why", () => {
    const field = answered(refused({ currentPassword: ["That is not your current password."] }));
    expect(field.value).toBe("");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("That is not your current password.")).toBeTruthy();
  });

  it("empties itself on a refusal that names no field, and once the change is done", () => {
    expect(answered(refused()).value).toBe("");
    cleanup();
    expect(answered(refused({ email: ["Enter an e-mail."] }), { ok: true }).value).toBe("");
  });
});
