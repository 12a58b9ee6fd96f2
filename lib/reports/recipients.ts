import { and, eq, isNull } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { roles, users } from "@/db/schema";
import { permissionsOfUser } from "../users/queries";

export type ReportEligibility = "receives" | "not_opted_in" | "not_active" | "no_audit_view";

/**
 * Who gets the end-of-day report: Active, unlocked users with "Send end-of-day report" on who hold
 * audit.view — the report names people and what was done to them, so the flag alone is not enough.
 */
export async function reportRecipients(db: Handle) {
  const candidates = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, language: users.language, roleId: users.roleId, roleKey: roles.key })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(users.status, "active"), isNull(users.lockedAt), eq(users.sendEndOfDayReport, true)))
    .orderBy(users.id);
  const out: typeof candidates = [];
  for (const c of candidates) if ((await permissionsOfUser(db, c.id, c.roleId, c.roleKey)).has("audit.view")) out.push(c);
  return out;
}

/** Why a user does or does not receive the report, for their page. */
export async function reportEligibility(db: Handle, userId: string): Promise<ReportEligibility> {
  const [u] = await db
    .select({ status: users.status, lockedAt: users.lockedAt, flag: users.sendEndOfDayReport, roleId: users.roleId, roleKey: roles.key })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  if (!u || !u.flag) return "not_opted_in";
  if (u.status !== "active" || u.lockedAt) return "not_active";
  return (await permissionsOfUser(db, userId, u.roleId, u.roleKey)).has("audit.view") ? "receives" : "no_audit_view";
}
