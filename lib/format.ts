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

/** Dates are shown in UTC with the zone named, so two administrators read the same moment. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale = "en"): string {
  if (!value) return "—";
  return `${formatter(locale, true).format(new Date(value))} UTC`;
}

export function formatDate(value: Date | string | null | undefined, locale: Locale = "en"): string {
  if (!value) return "—";
  return formatter(locale, false).format(new Date(value));
}

/** A whole number in the reader's language (1,234 or 1.234). */
export function formatNumber(value: number, locale: Locale = "en"): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale] ?? "en-GB").format(value);
}
