import type { Locale } from "@/lib/format";
import { COUNTRIES, countryName } from "@/lib/users/countries";

const names = new Map<Locale, Intl.DisplayNames>();
const lists = new Map<Locale, { code: string; name: string }[]>();

function displayNames(locale: Locale): Intl.DisplayNames {
  let n = names.get(locale);
  if (!n) {
    n = new Intl.DisplayNames([locale], { type: "region" });
    names.set(locale, n);
  }
  return n;
}

/** A country's name in the reader's language (English: exactly lib's name). */
export function localizedCountryName(code: string | null | undefined, locale: Locale): string {
  if (locale === "en" || !code) return countryName(code);
  return displayNames(locale).of(code) ?? code;
}

/** The countries for the user form, named and sorted in the reader's language (English: lib's list as is). */
export function localizedCountries(locale: Locale): { code: string; name: string }[] {
  if (locale === "en") return COUNTRIES;
  let list = lists.get(locale);
  if (!list) {
    list = COUNTRIES.map((c) => ({ code: c.code, name: displayNames(locale).of(c.code) ?? c.name })).sort((a, b) => a.name.localeCompare(b.name, locale));
    lists.set(locale, list);
  }
  return list;
}
