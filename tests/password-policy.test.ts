import { describe, expect, it } from "vitest";
import { BCRYPT_COST, hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { passwordProblem } from "@/lib/passwords/policy";

describe("password policy", () => {
  it("accepts a long passphrase with no composition rules", () => {
    expect(passwordProblem("purple giraffe eats midnight toast")).toBeNull();
  });

  it("refuses fewer than 12 characters", () => {
    expect(passwordProblem("short pass")).toMatch(/at least 12 characters/);
  });

  it("refuses more than 72 bytes instead of truncating, counting bytes not characters", () => {
    expect(passwordProblem("a".repeat(73))).toMatch(/at most 72 bytes/);
    // 36 two-byte characters are 72 bytes: allowed by length; 37 are 74 bytes: refused.
    expect(passwordProblem("é".repeat(37))).toMatch(/at most 72 bytes/);
  });

  it("refuses control characters such as NUL, which no keyboard types", () => {
    expect(passwordProblem("Orchid tundra\u0000 9 velvet")).toMatch(/control characters/);
    expect(passwordProblem("Orchid tundra\n9 velvet")).toMatch(/control characters/);
    expect(passwordProblem("Orchid tundra 9 velvet")).toBeNull();
  });

  it("refuses a new password with spaces at either end, forgotten at the next sign-in; spaces inside are words", () => {
    for (const padded of ["  purple giraffe eats midnight toast", "purple giraffe eats midnight toast ", "            "])
      expect(passwordProblem(padded), JSON.stringify(padded)).toBe("Remove the spaces at the start and end of the password.");
    expect(passwordProblem("purple  giraffe eats midnight toast")).toBeNull();
  });

  it("the live hint calls a very long password too long, not strong", async () => {
    const { passwordHint } = await import("@/lib/passwords/password-hint");
    expect(await passwordHint({ ctx: {} as never, input: { password: "x".repeat(5000), context: [] } })).toMatch(/at most 72 bytes/);
  });

  it("refuses common passwords with the reason", () => {
    const problem = passwordProblem("password1234");
    expect(problem).toMatch(/too weak/);
  });

  it("refuses a password built from the user's own username or e-mail", () => {
    expect(passwordProblem("mariagonzalez-2026-strong", ["mariagonzalez", "maria@example.com"])).toBe(
      "Leave the name, username and e-mail address of the account out of the password.",
    );
  });

  it("hashes with bcrypt at cost 12", async () => {
    const hash = await hashPassword("purple giraffe eats midnight toast");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(BCRYPT_COST).toBe(12);
    expect(await verifyPassword("purple giraffe eats midnight toast", hash)).toBe(true);
    expect(await verifyPassword("purple giraffe eats midnight toasT", hash)).toBe(false);
  });
});
