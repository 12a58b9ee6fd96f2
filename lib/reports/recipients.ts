import { and, eq, isNull, or, sql } from "drizzle-orm";
import { accountExpired } from "../auth/session-rules";
import type { Handle } from "@/db/client";
import { roles, users } from "@/db/schema";
import { permissionsOfUser } from "../users/queries";

export type ReportEligibility = "receives" | "not_opted_in" | "not_active" | "no_console" | "no_audit_view";

/**
 * Who gets the end-of-day report: Active, unlocked, unexpired users with "Send end-of-day report" on
 * who hold audit.view where it counts, in the admin console (without it a person holds nothing in a
 * session, lib/auth) — the report names people and what was done to them, so the flag alone is not
 * enough.
 */
export async function reportRecipients(db: Handle, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const candidates = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, language: users.language, roleId: users.roleId, roleKey: roles.key })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(users.status, "active"),
        isNull(users.lockedAt),
        eq(users.sendEndOfDayReport, true),
        eq(users.adminConsoleAccess, true),
        or(isNull(users.accountExpiresOn), sql`${users.accountExpiresOn} > ${today}`),
      ),
    )
    .orderBy(users.id);
  const out: typeof candidates = [];
  for (const c of candidates) if ((await permissionsOfUser(db, c.id, c.roleId, c.roleKey)).has("audit.view")) out.push(c);
  return out;
}

/** Why a user does or does not receive the report, for their page. */
export async function reportEligibility(db: Handle, userId: string, now: Date): Promise<ReportEligibility> {
  const [u] = await db
    .select({
      status: users.status,
      lockedAt: users.lockedAt,
      expiresOn: users.accountExpiresOn,
      console: users.adminConsoleAccess,
      flag: users.sendEndOfDayReport,
      roleId: users.roleId,
      roleKey: roles.key,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  if (!u || !u.flag) return "not_opted_in";
  if (u.status !== "active" || u.lockedAt || accountExpired(u.expiresOn, now)) return "not_active";
  if (!u.console) return "no_console";
  return (await permissionsOfUser(db, userId, u.roleId, u.roleKey)).has("audit.view") ? "receives" : "no_audit_view";
}
