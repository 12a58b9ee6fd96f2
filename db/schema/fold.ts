import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * A text as a reader compares it: lower case, without the accents of Spanish, Portuguese, French and
 * German. translate() and lower() are immutable, so an index can hold it (unaccent() is not). It folds
 * the list search's text, and it is what names sort by: the database's C collation orders bytes,
 * which puts "de la Cruz" and "Álvarez" after "Zapata".
 */
export function fold(value: SQL | AnyColumn): SQL {
  return sql`translate(lower(${value}), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy')`;
}
