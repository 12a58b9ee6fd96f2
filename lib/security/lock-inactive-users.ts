import { and, eq, isNull, lt, not, sql } from "drizzle-orm";
import { roles, users } from "@/db/schema";
import { ADMINISTRATOR_ROLE_KEY } from "../permissions/catalog";
import { effectiveAdministrator, lockAdministration } from "../permissions/guards";
import { recordAudit } from "../audit/record-audit";
import type { Ctx } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { getSettings } from "../settings/get-settings";

/**
 * The daily sweep: locks every active account with no sign-in for the configured days (counted from
 * registration, or creation, when it never signed in; from an unblock, when later), so the list shows it as Locked. The same rule
 * runs at sign-in. System task: called by the end-of-day job, not by a person.
 */
export async function lockInactiveUsers({ ctx }: { ctx: Ctx }) {
  const settings = await getSettings(ctx.db);
  const days = settings["lockout.inactivityDays"];
  if (!days) return { locked: 0 };
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    // greatest() passes over a null: the unblock's restart of the count, when there is one.
    const idle = lt(sql`greatest(coalesce(${users.lastLoginAt}, ${users.registeredAt}, ${users.createdAt}), ${users.inactivityFrom})`, cutoff);
    // The sweep never locks the last administrators out: when every effective Administrator is idle,
    // they are spared (an operator can still lock or unblock from the command line).
    await lockAdministration(tx);
    const [standing] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(and(effectiveAdministrator(now), not(idle)))
      .limit(1);
    const spareAdministrators = standing
      ? undefined
      : sql`${users.roleId} not in (select ${roles.id} from ${roles} where ${roles.key} = ${ADMINISTRATOR_ROLE_KEY})`;
    const locked = await tx
      .update(users)
      .set({ lockedAt: now, lockReason: "inactivity", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.status, "active"), isNull(users.lockedAt), idle, spareAdministrators))
      .returning({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email, language: users.language });
    for (const u of locked) {
      await recordAudit(tx, ctx, "user.locked", {
        target: { type: "user", id: u.id, name: `${u.firstName} ${u.lastName}` },
        detail: { reason: "inactivity", via: "sweep" },
      });
      await enqueueEmail(
        tx,
        { address: u.email, userId: u.id },
        {
          template: "notice",
          props: {
            kind: "account_locked",
            lang: u.language,
            organization: settings["organization.name"],
            firstName: u.firstName,
            detail: u.language === "es" ? `No se inició sesión en ${days} días.` : `Nobody signed in to it for ${days} days.`,
          },
        },
        now,
      );
    }
    return { locked: locked.length };
  });
}
