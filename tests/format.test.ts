import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, initials } from "@/lib/format";
import { formatPhone, phoneForInput } from "@/lib/users/phone";

// The list formats 25 phone numbers and a count on every view; both are remembered after the first
// time (docs/performance.md). What they show must not depend on whether they were remembered.
describe("formatting for display", () => {
  it("formats a phone number the same the first time and every time after", () => {
    expect(formatPhone("+50761234567")).toBe("+507 6123 4567");
    expect(formatPhone("+50761234567")).toBe("+507 6123 4567");
    expect(formatPhone("+14155550123")).toBe("+1 415 555 0123");
    expect(phoneForInput("+14155550123")).toBe("+1 415 555 0123");
  });

  it("shows a dash for no number and keeps a number it cannot read as it is", () => {
    expect(formatPhone(null)).toBe("—");
    expect(formatPhone("")).toBe("—");
    expect(phoneForInput(null)).toBe("");
    expect(formatPhone("+999")).toBe("+999");
    expect(formatPhone("+999")).toBe("+999");
  });

  it("stays correct past the memo's bound", () => {
    for (let i = 0; i < 10_050; i++) formatPhone(`+1415555${String(i).padStart(4, "0")}`);
    expect(formatPhone("+14155550123")).toBe("+1 415 555 0123");
    expect(formatPhone("+50761234567")).toBe("+507 6123 4567");
  });

  it("formats numbers in each reader's language, whichever language asked first", () => {
    expect(formatNumber(12_400, "es")).toBe("12.400");
    expect(formatNumber(12_400, "en")).toBe("12,400");
    expect(formatNumber(2_118, "es")).toBe("2118");
    expect(formatNumber(12_400, "es")).toBe("12.400");
    expect(formatNumber(7)).toBe("7");
  });

  it("formats dates in the reader's language", () => {
    expect(formatDate("2026-12-01T10:00:00Z", "en")).toBe("1 Dec 2026");
    expect(formatDate(null, "en")).toBe("—");
  });
});

describe("initials", () => {
  it("takes the first letter or digit of each name, whole, and skips signs", () => {
    expect(initials("ada", "lovelace")).toBe("AL");
    expect(initials("<script>", "alert(1)")).toBe("SA");
    expect(initials("Álvaro", "Ñúñez")).toBe("ÁÑ");
    expect(initials("A\u0301lvaro", "Pérez")).toBe("ÁP"); // A + combining accent, as one letter
    expect(initials("𝒜na", "李")).toBe("𝒜李"); // a letter outside the first plane is not cut in half
    expect(initials("😀", "")).toBe("");
  });
});
