import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { auditEvents, roles, rolePermissions, sessions, userPermissions, users } from "@/db/schema";
import type { Handle } from "@/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Ctx } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { DomainError, PreconditionFailed } from "../errors";
import { ADMINISTRATOR_ROLE_KEY } from "../permissions/catalog";
import { lockAdministration, soleAdministrator } from "../permissions/guards";
import { describeUserAgent } from "../sessions/sessions";
import { appLink, revokeOpenTokens } from "../tokens/tokens";
import { accountHolder } from "./own-profile";

/** What a user sees of their own account's security history. */
export const SECURITY_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "user.locked",
  "user.unblocked",
  "user.password_changed",
  "user.password_reset_sent",
  "user.password_change_required",
  "user.email_change_requested",
  "user.email_changed",
  "session.ended",
];

/**
 * The signed-in user's last sign-ins, failed attempts and other security events (newest first,
 * at most 30), with where they came from. Needs no permission: everyone may see their own.
 */
export async function listSecurityActivity({ ctx }: { ctx: Ctx }) {
  const actor = accountHolder(ctx);
  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, actor.userId), inArray(auditEvents.action, SECURITY_ACTIONS)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(30);
  return rows.map((r) => {
    const detail = (r.detail ?? {}) as { reason?: string };
    return {
      id: r.id,
      at: r.at,
      action: r.action,
      ip: r.ip,
      reason: typeof detail.reason === "string" ? detail.reason : null,
      ...describeUserAgent(r.userAgent),
    };
  });
}
export type SecurityEvent = Awaited<ReturnType<typeof listSecurityActivity>>[number];

/**
 * Who is told when a user reports "This wasn't me": Active, unlocked users with console access who
 * may unblock (users.update, from their role or a grant, not denied; the Administrator role always).
 */
export async function unblockers(db: Handle, exceptId: string) {
  const holds = (permission: string) => sql`(
    ${roles.key} = ${ADMINISTRATOR_ROLE_KEY}
    or ((exists (select 1 from ${rolePermissions} rp where rp.role_id = ${users.roleId} and rp.permission = ${permission})
         or exists (select 1 from ${userPermissions} up where up.user_id = ${users.id} and up.permission = ${permission} and up.effect = 'grant'))
        and not exists (select 1 from ${userPermissions} up where up.user_id = ${users.id} and up.permission = ${permission} and up.effect = 'deny')))`;
  return db
    .select({ id: users.id, email: users.email, language: users.language, firstName: users.firstName })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(ne(users.id, exceptId), eq(users.status, "active"), isNull(users.lockedAt), eq(users.adminConsoleAccess, true), holds("users.update")))
    .orderBy(users.id)
    .limit(50);
}

/**
 * "This wasn't me": locks the caller's account with its own reason, ends every one of its sessions
 * (this one too), e-mails the user and the administrators who may unblock, all in one transaction.
 * The only administrator is refused: nobody could unblock them.
 */
export async function reportNotMe({ ctx }: { ctx: Ctx }) {
  const actor = accountHolder(ctx);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [me] = await tx
      .select({ id: users.id, lockedAt: users.lockedAt, roleKey: roles.key, firstName: users.firstName, lastName: users.lastName, username: users.username })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(eq(users.id, actor.userId))
      .for("no key update", { of: users });
    if (!me || me.lockedAt) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    // Under the administration lock, as every change that could leave none: two administrators
    // reporting at once would each see the other still standing, and both be locked.
    if (me.roleKey === ADMINISTRATOR_ROLE_KEY) await lockAdministration(tx);
    if (me.roleKey === ADMINISTRATOR_ROLE_KEY && (await soleAdministrator(tx, me.id, now)))
      throw PreconditionFailed(
        "You are the only administrator, so your account can't be locked. Change your password and sign out of all other sessions instead.",
      );
    await tx
      .update(users)
      .set({ lockedAt: now, lockReason: "reported", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, me.id));
    // An e-mail change asked for by whoever held the session must not outlive the report.
    await revokeOpenTokens(tx, me.id, ["change_email"], now);
    const ended = await tx
      .update(sessions)
      .set({ endedAt: now, endedReason: "reported" })
      .where(and(eq(sessions.userId, me.id), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    const name = `${me.firstName} ${me.lastName}`;
    const target = { type: "user" as const, id: me.id, name };
    await recordAudit(tx, ctx, "user.locked", { target, detail: { reason: "reported", sessionsEnded: ended.length } });

    const to = await recipientOf(tx, me.id);
    const detail =
      to.language === "es" ? "Nos dijiste que una actividad de tu cuenta no fue tuya." : "You told us some activity on your account was not yours.";
    await enqueueEmail(
      tx,
      { address: to.email, userId: me.id },
      { template: "notice", props: { kind: "account_locked", lang: to.language, organization: to.organization, firstName: to.firstName, detail } },
      now,
    );
    const admins = await unblockers(tx, me.id);
    const link = appLink(`/users/${me.id}`);
    for (const admin of admins)
      await enqueueEmail(
        tx,
        { address: admin.email, userId: admin.id },
        {
          template: "notice",
          props: {
            kind: "account_reported",
            lang: admin.language,
            organization: to.organization,
            firstName: admin.firstName,
            link,
            detail: `${name} (${me.username})`,
          },
        },
        now,
      );
    return { notified: admins.length, sessionsEnded: ended.length };
  });
}
