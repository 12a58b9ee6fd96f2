/** The text boundary every form and API field passes (lib/validation.ts `Text`). */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Email, fieldErrorsOf, OptionalDate, Text, Username } from "@/lib/validation";

const field = Text(100);
const refusal = (v: string) => {
  const r = field.safeParse(v);
  return r.success ? null : r.error.issues[0].message;
};

describe("Text", () => {
  it("refuses control characters, and bidirectional overrides and isolates that make a name read as another", () => {
    for (const hostile of ["a\u0000b", "a\u0007b"]) expect(refusal(hostile), JSON.stringify(hostile)).toMatch(/control characters/);
    for (const hostile of ["\u202Eevil\u202C", "x\u2066y\u2069", "\u202Bz", "a\u0000\u202Eb"])
      expect(refusal(hostile), JSON.stringify(hostile)).toMatch(/^Remove the direction controls/);
  });

  it("names a line break in a one-line field as one (a quoted CSV cell holds them), and keeps it where text may span lines", () => {
    for (const broken of ["Multi\nLine", "a\r\nb", "a\rb", "a\u2028b", "a\u2029b"]) {
      const r = field.safeParse(broken);
      expect(
        r.error?.issues.map((i) => i.message),
        JSON.stringify(broken),
      ).toEqual(["Put this on one line: remove the line breaks."]);
    }
    expect(refusal("a\tb")).toMatch(/control characters/);
    expect(Text(100, undefined, { multiline: true }).parse("first\nsecond")).toBe("first\nsecond");
  });

  it("keeps right-to-left names, accents and emoji, trimmed and NFC-normalized", () => {
    expect(field.parse("  محمد عبد الله  ")).toBe("محمد عبد الله");
    expect(field.parse("דוד")).toBe("דוד");
    expect(field.parse("Jose\u0301 🎉")).toBe("José 🎉");
  });

  it("refuses, inside a one-line field, invisible characters no script needs: two names would look the same", () => {
    for (const hidden of [
      "Engineer\u200Bing",
      "a\u2060b",
      "Ru\uFEFFiz",
      "soft\u00ADhyphen",
      "x\u2062y",
      "Mac\u200DGyver",
      "An\u200Ca",
      "ΑΒ\u200DΓ",
      "7\u200C7",
    ])
      expect(refusal(hidden), JSON.stringify(hidden)).toBe("Remove the invisible characters (such as a zero-width space) from this field.");
    expect(Text(100, undefined, { multiline: true }).parse("pasted\u200Bfrom a page")).toBe("pasted\u200Bfrom a page");
  });

  it("refuses half a character (a lone UTF-16 surrogate), and keeps whole ones", () => {
    for (const broken of ["a\uD800b", "\uDC00", "x\uDBFF"]) expect(refusal(broken), JSON.stringify(broken)).toMatch(/broken character/);
    expect(field.parse("\uD83D\uDE00")).toBe("😀");
  });

  it("trims characters that take no space like spaces: a name made only of them is empty", () => {
    expect(field.parse("\u200B\u200B")).toBe("");
    expect(field.parse("\u2060Ana\uFEFF ")).toBe("Ana");
    expect(field.parse("क्\u200Dष")).toBe("क्\u200Dष"); // a joiner inside a word stays
    expect(field.parse("می\u200Cخواهم")).toBe("می\u200Cخواهم"); // a non-joiner too (Persian)
    expect(field.parse("👩\u200D💻")).toBe("👩\u200D💻");
    expect(
      Text(60)
        .refine((v) => v.length > 0, "Enter the name.")
        .safeParse("\u200B").error?.issues[0].message,
    ).toBe("Enter the name.");
  });
});

describe("Email", () => {
  it("takes at most 64 characters before the @, as mail servers do", () => {
    expect(Email.parse(`${"l".repeat(64)}@example.com`)).toBe(`${"l".repeat(64)}@example.com`);
    expect(Email.safeParse(`${"l".repeat(71)}@example.com`).error?.issues.map((i) => i.message)).toEqual(["The part before the @ has at most 64 characters."]);
  });
});

describe("Username", () => {
  it("is kept in lower case, as its hint writes it (sign-in never minded the case)", () => {
    expect(Username.parse("Walka.Upper")).toBe("walka.upper");
    expect(Username.safeParse("José").error?.issues[0].message).toBe("Use only unaccented letters (a–z), digits, dots, dashes and underscores.");
  });
});

describe("fieldErrorsOf", () => {
  it("is a plain object (a form's answer crosses to the browser) whose keys may be named like built-ins", () => {
    const schema = z.strictObject({ name: z.string() });
    const result = schema.safeParse(JSON.parse('{"name":1,"toString":1,"__proto__":1}'));
    const errors = fieldErrorsOf(result.error!);
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
    expect(Object.keys(errors)).toEqual(["name", "_form"]);
    expect(Object.hasOwn(errors, "toString")).toBe(false);
    expect(structuredClone(errors)).toEqual(errors);
  });

  it("says one thing of a date: not written as one, or a day that does not exist", () => {
    const date = OptionalDate("expiration date");
    expect(date.safeParse("99999-01-01").error?.issues.map((i) => i.message)).toEqual(["Enter the expiration date as a date."]);
    expect(date.safeParse("2026-02-30").error?.issues.map((i) => i.message)).toEqual(["Enter a real expiration date: that day does not exist."]);
    expect(date.parse("")).toBeNull();
  });
});
