import { and, ne, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { users } from "@/db/schema";
import { Conflict } from "../errors";

/**
 * Refuses a username or e-mail that another user has, case-insensitively. The unique indexes on
 * lower(username) and lower(email) still decide a race; this gives the message per field.
 */
export async function assertIdentityFree(db: Handle, { username, email, exceptId }: { username: string; email: string; exceptId?: string }) {
  const u = username.toLowerCase();
  const e = email.toLowerCase();
  const rows = await db
    .select({ username: sql<string>`lower(${users.username})`, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(
      and(
        or(sql`lower(${users.username}) = ${u}`, sql`lower(${users.email}) = ${e}`, sql`lower(${users.username}) = ${e}`, sql`lower(${users.email}) = ${u}`),
        exceptId ? ne(users.id, exceptId) : undefined,
      ),
    );
  const fieldErrors: Record<string, string[]> = {};
  for (const row of rows) {
    if (row.username === u || row.email === u) fieldErrors.username = ["This username is already taken."];
    if (row.email === e || row.username === e) fieldErrors.email = ["A user with this e-mail address already exists."];
  }
  if (Object.keys(fieldErrors).length) throw Conflict("That username or e-mail address is already in use.", fieldErrors);
}

/** Maps a unique-index violation that slipped past the check (a race) to the same messages. */
export function identityConflict(constraint: string) {
  if (constraint.includes("username")) return Conflict("That username is already in use.", { username: ["This username is already taken."] });
  if (constraint.includes("email")) return Conflict("That e-mail address is already in use.", { email: ["A user with this e-mail address already exists."] });
  return Conflict("That value is already in use.");
}
