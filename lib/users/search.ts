/** The same folding as the users.search_text column: lower case, common Latin accents removed. */
const FROM = "áàâäãåéèêëíìîïóòôöõúùûüñçýÿ";
const TO = "aaaaaaeeeeiiiiooooouuuuncyy";

export function foldForSearch(value: string): string {
  let out = "";
  for (const ch of value.toLowerCase()) {
    const i = FROM.indexOf(ch);
    out += i >= 0 ? TO[i] : ch;
  }
  return out;
}

/**
 * Splits what the administrator typed into LIKE patterns that must all match search_text.
 * A phone-looking term ("+507 6123-4567", "6123 4567") becomes its digits, so spaces, dashes and
 * the country code don't matter.
 */
export function searchPatterns(term: string): string[] {
  const trimmed = term.trim();
  if (!trimmed) return [];
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (/^[+(\d][\d\s().-]*$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, "");
    if (digits.length >= 3) return [`%${digits}%`];
  }
  return foldForSearch(trimmed)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
    .map((word) => `%${escape(word)}%`);
}

/**
 * Whether the search has no term the trigram index can look up: pg_trgm finds a LIKE pattern by its
 * runs of three or more letters or digits, so "ab", "j d" or "j.d" match only by reading every row.
 */
export function searchReadsEveryRow(term: string): boolean {
  const patterns = searchPatterns(term);
  return patterns.length > 0 && patterns.every((p) => !/[\p{L}\p{N}]{3}/u.test(p));
}
