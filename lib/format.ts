export type Locale = "en" | "es";

const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", es: "es-ES" };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? "en-GB", { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone: "UTC" });
    cache.set(key, f);
  }
  return f;
}

/**
 * Dates are shown in UTC with the zone named, so two administrators read the same moment. A table
 * names it once, in its column's head (`zone: false` for its cells), not in each of 25 rows.
 */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale = "en", { zone = true } = {}): string {
  if (!value) return "—";
  const text = formatter(locale, true).format(new Date(value));
  return zone ? `${text} UTC` : text;
}

export function formatDate(value: Date | string | null | undefined, locale: Locale = "en"): string {
  if (!value) return "—";
  return formatter(locale, false).format(new Date(value));
}

const numbers = new Map<Locale, Intl.NumberFormat>();

/** A whole number in the reader's language (1,234 or 1.234). Making the formatter costs 50–150 µs; it is made once a language. */
export function formatNumber(value: number, locale: Locale = "en"): string {
  let f = numbers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale] ?? "en-GB");
    numbers.set(locale, f);
  }
  return f.format(value);
}

/**
 * A person's initials for a picture in place of a photo: the first letter or digit of each name,
 * whole (an accented or non-Latin letter is one code point, never half of a pair), upper-cased. A
 * name that starts with a sign ("<script>", "(Ana)") gives its first letter, not the sign.
 */
export function initials(firstName: string, lastName: string): string {
  const first = (name: string) => /[\p{L}\p{N}]/u.exec(name.normalize("NFC"))?.[0] ?? "";
  return (first(firstName) + first(lastName)).toLocaleUpperCase();
}
