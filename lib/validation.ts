import { z } from "zod";
import { ValidationFailed, type FieldErrors } from "./errors";
import { SEARCH_MAX } from "./limits";

/** Parses input with its schema; a failure becomes a DomainError with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw ValidationFailed(fieldErrorsOf(result.error));
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) addFieldError(out, issue.path.length ? issue.path.join(".") : "_form", issue.message);
  return out;
}

/**
 * Adds a message to a field's list. A field named "toString" or "__proto__" is a key like any other,
 * never an inherited member; the object stays a plain one (a form's answer crosses to the browser,
 * which takes no null-prototype objects).
 */
export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  if (!Object.hasOwn(errors, field)) Object.defineProperty(errors, field, { value: [], enumerable: true, writable: true, configurable: true });
  errors[field].push(message);
}

// Control characters: PostgreSQL refuses NUL (22021) and none belongs in a name, a search or an id.
// Multi-line text keeps tab, line feed and carriage return.
// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) too: they make a name display as
// something other than what it is ("‮evil" reads "live"); right-to-left text needs none of them.
// A line break in a one-line field (a quoted cell of a CSV file holds one as easily as a comma) is
// named as such: "control characters" told nobody what to change.
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const NO_CONTROL = "Remove the control characters (such as NUL) from this field.";
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const NO_BIDI = "Remove the direction controls (such as a right-to-left override) from this field: they make text read as something else.";
const ONE_LINE = "Put this on one line: remove the line breaks.";
// Half of a character (a UTF-16 surrogate without its pair, "\ud800" in JSON): not text, and
// PostgreSQL would store it as "?" or refuse it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Characters that take no space (zero-width space, joiners, word joiner, BOM) at either end: trimmed
// like spaces, so a name made only of them is empty. Inside text they stay (a joiner in a script needs them).
const INVISIBLE_EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;
// Inside a one-line field (a name, a username, a branch), characters that are there and not seen, and
// that no script needs: zero-width space, word joiner, byte-order mark, soft hyphen, invisible
// operators. "Engineer\u200Bing" beside "Engineering" made two branches no list could tell apart.
// The joiners (U+200C, U+200D) stay where a script uses them (Persian and Indic names, emoji
// sequences), not beside a Latin, Greek or Cyrillic letter or a digit ("Mac\u200DGyver").
const INVISIBLE_INSIDE =
  /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]|[\u200C\u200D](?=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}])|(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}])[\u200C\u200D]/u;
const NO_INVISIBLE = "Remove the invisible characters (such as a zero-width space) from this field.";

/** The text boundary: a string, NFC-normalized, trimmed, without control characters, at most `max` characters. */
export function Text(max: number, message = `Use at most ${max} characters.`, { multiline = false } = {}) {
  return z
    .string("Enter text.")
    .refine((v) => !LONE_SURROGATE.test(v), "Remove the broken character (half of a UTF-16 pair) from this field.")
    .transform((v) => v.normalize("NFC").replace(INVISIBLE_EDGES, ""))
    .refine((v) => multiline || !LINE_BREAK.test(v), ONE_LINE)
    .refine((v) => !BIDI.test(v), NO_BIDI)
    .refine((v) => BIDI.test(v) || !(multiline ? CONTROL_MULTILINE : CONTROL).test(v), NO_CONTROL)
    .refine((v) => multiline || !INVISIBLE_INSIDE.test(v), NO_INVISIBLE)
    .refine((v) => v.length <= max, message);
}

/**
 * A search term from a URL or a picker: empty means none. Tabs and line breaks, which a cell pasted
 * from a spreadsheet brings along, separate words as a space does; of a parameter given twice
 * (`?q=a&q=b`), the first counts, as a form sends one.
 */
// The message says 200 as a literal: tests/domain-messages-coverage.test.ts reads messages as written.
export const SearchTerm = z.preprocess(
  (v) => {
    const one = Array.isArray(v) ? v[0] : v;
    if (one == null) return "";
    return typeof one === "string" ? one.replace(/[\t\n\r\u2028\u2029]+/g, " ") : one;
  },
  Text(SEARCH_MAX, "A search has at most 200 characters."),
);

/**
 * How many to list, from a query string: digits only ("1e2", "0x10", " 5" and "" are not counts),
 * and one message for a value, not two (a 20-digit number is over the maximum, not also "not whole").
 */
export const QueryCount = (max: number, fallback: number, say: { notCount: string; tooFew: string; tooMany: string }) =>
  z
    .preprocess(
      (v) => (typeof v === "string" && /^\d+$/.test(v) ? Math.min(Number(v), max + 1) : v),
      z.number(say.notCount).int(say.notCount).min(1, say.tooFew).max(max, say.tooMany).optional(),
    )
    .default(fallback);

/** An id in a URL or a form: a malformed one is simply unknown. */
export const Id = (message = "Unknown item.") => z.uuid(message);

/** True for a real calendar date written YYYY-MM-DD (refuses 1999-02-30, which Date.parse accepts). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const Email = Text(254, "An e-mail address has at most 254 characters.")
  .transform((v) => v.toLowerCase())
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."))
  // RFC 5321's limit on the mailbox's name: a server may refuse a longer one, so mail to it could never arrive.
  .refine((v) => v.slice(0, v.lastIndexOf("@")).length <= 64, "The part before the @ has at most 64 characters.");

export const Username = Text(64, "A username has at most 64 characters.")
  .refine((v) => v.length > 0, "Enter a username.")
  .refine((v) => v.length === 0 || v.length >= 3, "A username has at least 3 characters.")
  .refine((v) => /^[a-zA-Z0-9._-]*$/.test(v), "Use only unaccented letters (a–z), digits, dots, dashes and underscores.")
  // Stored as the hint writes it, in lower case (sign-in never minded case; "Ana.Diaz" and "ana.diaz"
  // were already one username): an import of "ANA.DIAZ" is then no change (migration 0024).
  .transform((v) => v.toLowerCase());

export const PersonName = (label: string) => Text(100, `The ${label} has at most 100 characters.`).refine((v) => v.length >= 1, `Enter the ${label}.`);

/** A form checkbox ("on" when ticked, absent when not) or a JSON boolean. */
export const FormBoolean = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

/** Optional text: an empty or blank form field means "none". */
export const OptionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), Text(max, `The ${label} has at most ${max} characters.`).nullable().optional());

/** An optional id from a select: empty means none. */
export const OptionalId = (message: string) => z.preprocess((v) => (v === "" ? null : v), z.uuid(message).nullable().optional());

/** YYYY-MM-DD, as a date input sends it, and a date that exists on the calendar. */
export const OptionalDate = (label: string) =>
  z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
      // Only a date written as one can be a day that does not exist: "99999-01-01" got both messages.
      .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isCalendarDate(v), `Enter a real ${label}: that day does not exist.`)
      .nullable()
      .optional(),
  );

/** The largest picture a form takes (also checked in the browser before upload: components/ui/image-input.tsx). */
export const MAX_UPLOAD_IMAGE_BYTES = 5 * 1024 * 1024;
const isBlob = (v: unknown): v is Blob => typeof v === "object" && v !== null && "arrayBuffer" in v && "size" in v;
const byteSize = (v: Blob | Buffer) => (Buffer.isBuffer(v) ? v.length : v.size);

/** An optional uploaded image (a form's File or a Buffer): empty means none; at most 5 MB. Decoding is the verb's job. */
export const ImageUpload = z.preprocess(
  (v) => (v == null || v === "" || ((Buffer.isBuffer(v) || isBlob(v)) && byteSize(v) === 0) ? null : v),
  z
    .custom<Blob | Buffer>((v) => Buffer.isBuffer(v) || isBlob(v), "Upload a JPEG, PNG or WebP image.")
    .refine((v) => byteSize(v) <= MAX_UPLOAD_IMAGE_BYTES, "The image is larger than 5 MB.")
    .nullable()
    .optional(),
);
