/** The text boundary every form and API field passes (lib/validation.ts `Text`). */
import { describe, expect, it } from "vitest";
import { Text } from "@/lib/validation";

const field = Text(100);
const refusal = (v: string) => {
  const r = field.safeParse(v);
  return r.success ? null : r.error.issues[0].message;
};

describe("Text", () => {
  it("refuses control characters, and bidirectional overrides and isolates that make a name read as another", () => {
    for (const hostile of ["a\u0000b", "a\u0007b", "\u202Eevil\u202C", "x\u2066y\u2069", "\u202Bz"])
      expect(refusal(hostile), JSON.stringify(hostile)).toMatch(/control characters/);
  });

  it("keeps right-to-left names, accents and emoji, trimmed and NFC-normalized", () => {
    expect(field.parse("  محمد عبد الله  ")).toBe("محمد عبد الله");
    expect(field.parse("דוד")).toBe("דוד");
    expect(field.parse("Jose\u0301 🎉")).toBe("José 🎉");
  });
});
