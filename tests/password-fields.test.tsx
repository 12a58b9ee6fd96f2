// @vitest-environment happy-dom
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NewPasswordFields } from "@/components/auth/password-fields";

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
