/** What a refused form gets back to show again (app/action.ts `failure`): every field but the secret ones. */
import { describe, expect, it, vi } from "vitest";
import { ValidationFailed } from "@/lib/errors";

// Only the request plumbing is left out: failure() reads no session.
vi.mock("@/lib/auth", () => ({}));
const { failure } = await import("@/app/action");

describe("a refused form's echo", () => {
  it("gives back settings named after passwords, never a password, token or secret typed", () => {
    const result = failure(ValidationFailed({ "password.expiryWarningDays": ["Enter a whole number."] }), {
      "password.expiryWarningDays": "2.5",
      "password.maxAgeDays": "",
      "password.adminSetIsTemporary": "on",
      password: "quartz lantern orbit meadow",
      confirmPassword: "quartz lantern orbit meadow",
      currentPassword: "old phrase here",
      token: "abc",
      clientSecret: "s3cret",
      name: "Ana",
    });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.values).toEqual({
      "password.expiryWarningDays": "2.5",
      "password.maxAgeDays": "",
      "password.adminSetIsTemporary": "on",
      name: "Ana",
    });
  });
});
