import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * Parses a phone number typed with its country code (or in the user's country when it has none)
 * into E.164, or returns null when it is not a valid number for that country.
 */
export function toE164(input: string, country?: string | null): string | null {
  const parsed = parsePhone(input, country);
  return "e164" in parsed ? parsed.e164 : null;
}

export const PHONE_EXTENSION = "Leave out the extension: a phone number is stored without one.";

/**
 * The number in E.164, or why not: "invalid" for its country, or "extension" when one was typed
 * ("ext. 12", "x12"), which E.164 has no room for: kept, it would be dropped without a word.
 */
export function parsePhone(input: string, country?: string | null): { e164: string } | { problem: "invalid" | "extension" } {
  const parsed = parsePhoneNumberFromString(input, (country?.toUpperCase() as CountryCode) || undefined);
  if (!parsed || !parsed.isValid()) return { problem: "invalid" };
  if (parsed.ext) return { problem: "extension" };
  return { e164: parsed.number };
}

/**
 * Formatted numbers already seen: parsing one with the full metadata costs 30–80 µs, 25 of them on
 * every view of the users list (docs/performance.md). The format of a number never changes, so the
 * memo holds no state that matters; it is emptied when it reaches its bound.
 */
const shown = new Map<string, string>();
const SHOWN_MAX = 10_000;

/** +50761234567 → "+507 6123 4567", for display. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return "—";
  let text = shown.get(e164);
  if (text === undefined) {
    text = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
    if (shown.size >= SHOWN_MAX) shown.clear();
    shown.set(e164, text);
  }
  return text;
}

/** The same format in a form field, where "none" is an empty field. */
export function phoneForInput(e164: string | null | undefined): string {
  return e164 ? formatPhone(e164) : "";
}
