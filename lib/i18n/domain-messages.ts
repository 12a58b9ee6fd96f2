import { readFileSync } from "node:fs";
import path from "node:path";
import { formatDate, formatDateTime, type Locale } from "../format";
import { DomainError, type FieldErrors } from "../errors";
import { COUNTRIES } from "../users/countries";
import { PERMISSION_GROUPS } from "../permissions/catalog";

/**
 * The domain speaks English (lib/ verbs, zod schemas, the password policy). At the boundary — a form's
 * result, a list page's notice — a Spanish reader gets Spanish from messages/es/domain.json: exact
 * sentences, and patterns whose {placeholders} keep names and numbers and translate the English words
 * the code passes in ({verb}, {label}, {what}, {kind}, {field}) through its word list, and say a
 * {country} by its name in the reader's language.
 */
interface Catalog {
  exact: Record<string, string>;
  patterns: { en: string; es: string }[];
  words: Record<string, string>;
}

interface Compiled {
  exact: Map<string, string>;
  patterns: { regex: RegExp; names: string[]; es: string }[];
  words: Map<string, string>;
  /** A permission's English label → its label in this language (messages/<locale>/client/Permissions.json). */
  permissions: Map<string, string>;
}

/** The permission labels of a language, by their English label. */
function permissionLabels(locale: Locale): Map<string, string> {
  const items = (JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "client", "Permissions.json"), "utf8")) as { items: object }).items;
  const label = (key: string) =>
    key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], items) as { label?: string } | undefined;
  return new Map(PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p) => [p.label, label(p.key)?.label ?? p.label] as [string, string])));
}

/** {list}: permissions by their labels ("A, B, C and 19 more", lib/permissions/catalog.ts), each said in this language. */
function listIn(english: string, catalog: Compiled): string {
  const [, items, more] = /^(.*?)(?: and (\d+) more)?$/s.exec(english)!;
  const said = items
    .split(", ")
    .map((label) => catalog.permissions.get(label) ?? label)
    .join(", ");
  return more ? `${said} ${catalog.words.get("and {n} more")?.replace("{n}", more) ?? `and ${more} more`}` : said;
}

const TRANSLATED_PLACEHOLDERS = new Set(["verb", "label", "what", "kind", "field"]);

/** {country}: a country's English name, said in the reader's language ("Spain" → "España"). */
function countryIn(english: string, locale: Locale): string {
  const code = COUNTRIES.find((c) => c.name === english)?.code;
  return (code && new Intl.DisplayNames([locale], { type: "region" }).of(code)) || english;
}
/** The English months as formatDate writes them ("Sept" in en-GB), by their number. */
const ENGLISH_MONTHS = new Map(Array.from({ length: 12 }, (_, m) => [formatDate(new Date(Date.UTC(2000, m, 15)), "en").split(" ")[1], m]));

/**
 * {when} and {date}: a moment or a day as formatDateTime / formatDate write it in English ("3 Dec
 * 2026, 21:42 UTC"), said as the reader's language writes it ("3 dic 2026, 21:42 UTC").
 */
function momentIn(english: string, locale: Locale): string {
  const m = /^(\d{1,2}) (\S+) (\d{4})(?:, (\d{2}):(\d{2}) UTC)?$/.exec(english);
  const month = m ? ENGLISH_MONTHS.get(m[2]) : undefined;
  if (!m || month === undefined) return english;
  const at = new Date(Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
  return m[4] === undefined ? formatDate(at, locale) : formatDateTime(at, locale);
}

const compiled = new Map<Locale, Compiled | null>();

function load(locale: Locale): Compiled | null {
  if (compiled.has(locale)) return compiled.get(locale)!;
  let result: Compiled | null = null;
  if (locale !== "en") {
    try {
      const catalog = JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "domain.json"), "utf8")) as Catalog;
      result = {
        exact: new Map(Object.entries(catalog.exact ?? {})),
        words: new Map(Object.entries(catalog.words ?? {})),
        permissions: permissionLabels(locale),
        patterns: (catalog.patterns ?? []).map(({ en, es }) => {
          const names: string[] = [];
          const source = en
            .split(/(\{\w+\})/)
            .map((part) => {
              const m = /^\{(\w+)\}$/.exec(part);
              if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
              names.push(m[1]);
              return "(.+?)";
            })
            .join("");
          return { regex: new RegExp(`^${source}$`, "s"), names, es };
        }),
      };
    } catch {
      result = null; // no catalog for this language: the English stands
    }
  }
  compiled.set(locale, result);
  return result;
}

/** One message in the reader's language; anything the catalog doesn't know stays as it is. */
export function translateMessage(message: string, locale: Locale): string {
  const catalog = load(locale);
  if (!catalog) return message;
  const exact = catalog.exact.get(message);
  if (exact) return exact;
  for (const pattern of catalog.patterns) {
    const m = pattern.regex.exec(message);
    if (!m) continue;
    return pattern.names.reduce((text, name, i) => {
      const value = m[i + 1];
      const shown =
        name === "country"
          ? countryIn(value, locale)
          : name === "when" || name === "date"
            ? momentIn(value, locale)
            : name === "list"
              ? listIn(value, catalog)
              : TRANSLATED_PLACEHOLDERS.has(name)
                ? (catalog.words.get(value) ?? value)
                : value;
      return text.split(`{${name}}`).join(shown);
    }, pattern.es);
  }
  return message;
}

export function translateFieldErrors(errors: FieldErrors | undefined, locale: Locale): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([field, list]) => [field, list.map((m) => translateMessage(m, locale))]));
}

/** The same refusal with its message and field messages in the reader's language (for a route that a form reads). */
export function translatedError(error: DomainError, locale: Locale): DomainError {
  if (locale === "en") return error;
  return new DomainError(error.code, translateMessage(error.message, locale), {
    fieldErrors: translateFieldErrors(error.fieldErrors, locale),
    retryAfterSeconds: error.retryAfterSeconds,
    data: error.data,
  });
}
