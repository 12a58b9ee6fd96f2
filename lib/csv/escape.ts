/**
 * CSV fields that a spreadsheet opens safely (RFC 4180 quoting, OWASP "CSV injection"): a value
 * that starts with = + - @, a tab or a carriage return would be read as a formula, so it gets a
 * leading single quote. A value that already starts with quotes before one of those characters
 * gets one more, so that `unescapeFormula` gives back exactly what was written. Every CSV that
 * Rollcall writes goes through `escapeCsvField`; every CSV it reads back goes through
 * `unescapeFormula` after parsing.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A value as text: nothing for null and undefined, ISO 8601 for dates. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Protects a value that a spreadsheet would read as a formula; see `unescapeFormula`. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `escapeFormula`, for a field already unquoted by a CSV parser. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** One CSV field: formula-escaped, then quoted (quotes doubled) when it holds a quote, comma or line break. */
export function escapeCsvField(value: unknown): string {
  const text = escapeFormula(asText(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(escapeCsvField).join(",")}\r\n`;
}
