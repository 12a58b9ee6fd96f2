/**
 * The live hint under a new password speaks the reader's language, as the same message does once the
 * form is submitted (it used to stay in English while typing).
 */
import { describe, expect, it, vi } from "vitest";
import { makeCtx } from "@/lib/context";
import { testDatabase } from "./support/db";

const t = testDatabase();
const reader = { locale: "es" };

vi.mock("next-intl/server", () => ({ getLocale: async () => reader.locale, getTranslations: async () => (key: string) => key }));
vi.mock("@/lib/auth", () => ({
  actionContext: async () => makeCtx(t.db, { actor: null, ip: "203.0.113.9", userAgent: "vitest" }),
  requestLogFields: async () => ({ requestId: "test-request", route: "/test" }),
  signIn: vi.fn(async () => undefined),
}));

const { passwordHintAction } = await import("@/app/(public)/password-actions");

describe("passwordHintAction", () => {
  it.each([
    ["passwordpassword", []],
    ["x".repeat(80), []],
    ["ana.perez.2026", ["ana.perez"]],
  ])("answers %s in Spanish to a Spanish reader", async (password, context) => {
    reader.locale = "en";
    const english = (await passwordHintAction(password, context)) as { ok: true; data: string | null };
    reader.locale = "es";
    const spanish = (await passwordHintAction(password, context)) as { ok: true; data: string | null };
    expect(english.data).toBeTruthy();
    expect(spanish.data).toBeTruthy();
    expect(spanish.data).not.toBe(english.data);
    // A page in another language than the request's (an invitee's) names its own; anything else is ignored.
    reader.locale = "en";
    expect(((await passwordHintAction(password, context, "es")) as { data: string | null }).data).toBe(spanish.data);
    expect(((await passwordHintAction(password, context, "fr")) as { data: string | null }).data).toBe(english.data);
  });
});
