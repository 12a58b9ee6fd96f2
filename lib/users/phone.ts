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

/** +50761234567 → "+507 6123 4567", for display. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return "—";
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The same format in a form field, where "none" is an empty field. */
export function phoneForInput(e164: string | null | undefined): string {
  return e164 ? formatPhone(e164) : "";
}
