import { and, getTableName, ne, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Handle } from "@/db/client";
import { fold } from "@/db/schema/fold";

// Any constant, then the table's name: two saves of look-alike names in one table take turns.
const NAME_LOCK = 727_010;

/**
 * The name another row of the table already has, compared as a reader compares names (case and
 * accents aside: "Bogota" beside "Bogotá" is one branch under two spellings), or null. Takes a lock
 * for the rest of the transaction, so two saves at once cannot both find the name free. The
 * database's unique index (on lower(name)) still catches the exact duplicates.
 */
export async function nameTaken(
  tx: Handle,
  table: PgTable,
  columns: { id: AnyPgColumn; name: AnyPgColumn },
  name: string,
  exceptId?: string,
): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(${NAME_LOCK}, hashtext(${getTableName(table)}))`);
  const rows = (await tx
    .select({ name: columns.name })
    .from(table)
    .where(and(sql`${fold(columns.name)} = ${fold(sql`${name}::text`)}`, exceptId ? ne(columns.id, exceptId) : undefined))
    .limit(1)) as { name: string }[];
  return rows[0]?.name ?? null;
}
