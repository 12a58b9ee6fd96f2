import { getCountries } from "libphonenumber-js";

const names = new Intl.DisplayNames(["en"], { type: "region" });

/** ISO 3166-1 alpha-2 codes with their English names, sorted by name. */
export const COUNTRIES: { code: string; name: string }[] = getCountries()
  .map((code) => ({ code: code as string, name: names.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

const known = new Set(COUNTRIES.map((c) => c.code));
export function isCountry(code: string): boolean {
  return known.has(code);
}

export function countryName(code: string | null | undefined): string {
  if (!code) return "—";
  return names.of(code) ?? code;
}
