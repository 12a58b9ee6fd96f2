import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { invitationTokens, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { PreconditionFailed } from "../errors";
import { RESET_TTL_MS } from "../invitations/password-reset";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { appLink, issueToken } from "../tokens/tokens";
import { parseInput } from "../validation";

const UserIdInput = z.object({ userId: z.uuid("Unknown user.") });

/**
 * "Reset password" on the user page: e-mails an Active user a single-use link, valid one hour, to
 * their work e-mail (an earlier reset link stops working). Their password and sessions stay until
 * they use it. Caller needs users.update and must outrank the user.
 */
export async function sendPasswordReset({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "user.sendPasswordReset", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId } = parseInput(UserIdInput, input);
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "reset the password of");
      if (target.status !== "active") throw PreconditionFailed(`${target.name} is not Active: a reset link only helps an Active user.`);
      const issued = await issueToken(tx, {
        userId,
        purpose: "reset_password",
        delivery: "email",
        sentTo: null,
        issuedById: actingUserId(actor),
        now,
        ttlMs: RESET_TTL_MS,
      });
      const to = await recipientOf(tx, userId);
      const emailId = await enqueueEmail(
        tx,
        { address: to.email, userId: userId },
        {
          template: "notice",
          props: {
            kind: "password_reset",
            lang: to.language,
            organization: to.organization,
            firstName: to.firstName,
            link: issued.link,
            detail: to.language === "es" ? "en una hora" : "in one hour",
          },
        },
        now,
      );
      await tx.update(invitationTokens).set({ emailId, sentTo: to.email }).where(eq(invitationTokens.id, issued.id));
      await recordAudit(tx, ctx, "user.password_reset_sent", { target: { type: "user", id: target.id, name: target.name }, detail: { sentTo: to.email } });
      return { id: target.id, sentTo: to.email };
    });
  });
}

/**
 * "Require a new password at next sign-in": until they choose one, the user reaches nothing but
 * the password page. Caller needs users.update and must outrank the user; not for yourself.
 */
export async function requireNewPassword({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "user.requireNewPassword", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId } = parseInput(UserIdInput, input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (actingUserId(actor) === target.id) throw PreconditionFailed("Change your own password on the password page instead.");
      assertOutranks(actor, target, "reset the password of");
      const [before] = await tx.select({ must: users.mustChangePassword, hash: users.passwordHash }).from(users).where(eq(users.id, target.id));
      if (!before.hash) throw PreconditionFailed(`${target.name} has no password yet: they choose one when they register.`);
      if (before.must) return { id: target.id, changed: false };
      await tx
        .update(users)
        .set({ mustChangePassword: true, updatedAt: ctx.now(), updatedById: actingUserId(actor), version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
      await recordAudit(tx, ctx, "user.password_change_required", { target: { type: "user", id: target.id, name: target.name } });
      const to = await recipientOf(tx, target.id);
      await enqueueEmail(
        tx,
        { address: to.email, userId: target.id },
        {
          template: "notice",
          props: { kind: "password_change_required", lang: to.language, organization: to.organization, firstName: to.firstName, link: appLink("/login") },
        },
        ctx.now(),
      );
      return { id: target.id, changed: true };
    });
  });
}
