import { and, desc, eq, isNull, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { invitationTokens, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { selfActor, type Ctx, type Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { DomainError, uniqueViolation, ValidationFailed } from "../errors";
import { assertCurrentPassword } from "../security/current-password";
import { getSettings } from "../settings/get-settings";
import { findToken, issueToken, tokenState } from "../tokens/tokens";
import { assertIdentityFree, identityConflict } from "../users/identity";
import { Email, parseInput } from "../validation";
import { accountHolder, selfService } from "./own-profile";

/** A confirmation link to a new work e-mail is valid for a day. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3600_000;

export const EmailChangeInput = z.object({
  email: Email,
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
});
export type EmailChangeInput = { email: unknown; currentPassword: unknown };

/** An e-mail an account notice sends, in the recipient's language. */
function notice(
  kind: "email_change_requested" | "email_change_confirm" | "email_changed",
  to: Awaited<ReturnType<typeof recipientOf>>,
  link: string | null,
  detail: string,
) {
  return { template: "notice" as const, props: { kind, lang: to.language, organization: to.organization, firstName: to.firstName, link, detail } };
}

/**
 * The signed-in user asks to change their work e-mail. Nothing changes yet: a single-use link goes
 * to the new address (valid a day; an earlier one stops working) and a notice to the current one.
 * Needs the current password, and the administrator's leave (Settings → Security).
 */
export async function requestEmailChange({ ctx, input }: Verb<EmailChangeInput>) {
  const actor = accountHolder(ctx);
  const data = parseInput(EmailChangeInput, input);
  if (!selfService(await getSettings(ctx.db)).email) throw ValidationFailed({ email: ["Your administrator manages this field; ask them to change it."] });
  const me = await assertCurrentPassword(ctx, actor, data.currentPassword);
  if (me.email.toLowerCase() === data.email.toLowerCase()) throw ValidationFailed({ email: ["That is already your work e-mail address."] });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await assertIdentityFree(tx, { username: me.username, email: data.email, exceptId: actor.userId });
    const issued = await issueToken(tx, {
      userId: actor.userId,
      purpose: "change_email",
      delivery: "email",
      sentTo: data.email,
      issuedById: actor.userId,
      now,
      ttlMs: EMAIL_CHANGE_TTL_MS,
    });
    const to = await recipientOf(tx, actor.userId);
    const emailId = await enqueueEmail(tx, { address: data.email, userId: actor.userId }, notice("email_change_confirm", to, issued.link, data.email), now);
    await enqueueEmail(tx, { address: to.email, userId: actor.userId }, notice("email_change_requested", to, null, data.email), now);
    await tx.update(invitationTokens).set({ emailId }).where(eq(invitationTokens.id, issued.id));
    await recordAudit(tx, ctx, "user.email_change_requested", {
      target: { type: "user", id: actor.userId, name: actor.name },
      detail: { from: to.email, to: data.email },
    });
    return { sentTo: data.email, expiresAt: issued.expiresAt };
  });
}

/**
 * Whether an e-mail change link still changes its account's address: the link itself valid (unused,
 * unrevoked, unexpired), the account Active and unlocked, and its password not changed since the link
 * was sent. A change asked for by whoever held the session is what "This wasn't me" and a new
 * password answer: the link must end with them, or it would move the account's mail (and with it
 * every reset link) to whoever asked. An administrator's change of the address, a deactivation and
 * "This wasn't me" also revoke it outright (revokeOpenTokens).
 */
export function emailChangeLinkHolds(
  row: { purpose: string; usedAt: Date | null; revokedAt: Date | null; expiresAt: Date; createdAt: Date; sentTo: string | null } | null | undefined,
  user: { status: string; passwordChangedAt: Date | null; lockedAt: Date | null } | undefined,
  now: Date,
): row is NonNullable<typeof row> & { sentTo: string } {
  if (!row || row.purpose !== "change_email" || !row.sentTo || tokenState(row, now) !== "valid") return false;
  if (!user || user.status !== "active" || user.lockedAt) return false;
  return !(user.passwordChangedAt && user.passwordChangedAt > row.createdAt);
}

const LINK_USER = { status: users.status, passwordChangedAt: users.passwordChangedAt, lockedAt: users.lockedAt };

/** The address waiting for confirmation, if any: shown on the account page until it is confirmed. */
export async function pendingEmailChange({ ctx }: { ctx: Ctx }): Promise<{ email: string; expiresAt: Date } | null> {
  const actor = accountHolder(ctx);
  const [row] = await ctx.db
    .select({
      token: {
        purpose: invitationTokens.purpose,
        usedAt: invitationTokens.usedAt,
        revokedAt: invitationTokens.revokedAt,
        expiresAt: invitationTokens.expiresAt,
        createdAt: invitationTokens.createdAt,
        sentTo: invitationTokens.sentTo,
      },
      user: LINK_USER,
    })
    .from(invitationTokens)
    .innerJoin(users, eq(users.id, invitationTokens.userId))
    .where(
      and(
        eq(invitationTokens.userId, actor.userId),
        eq(invitationTokens.purpose, "change_email"),
        isNull(invitationTokens.usedAt),
        isNull(invitationTokens.revokedAt),
        gt(invitationTokens.expiresAt, ctx.now()),
      ),
    )
    .orderBy(desc(invitationTokens.createdAt))
    .limit(1);
  return row && emailChangeLinkHolds(row.token, row.user, ctx.now()) ? { email: row.token.sentTo, expiresAt: row.token.expiresAt } : null;
}

const LINK_INVALID = "This confirmation link is no longer valid. Ask for a new one from your account page.";

/**
 * The address a confirmation link would make the work e-mail, while it can still be used (the page
 * says so before anyone presses the button); null when it can't.
 */
export async function emailChangeLinkAddress({ ctx, input }: Verb<{ token: unknown }>): Promise<string | null> {
  const token = typeof input.token === "string" ? input.token : "";
  const row = await findToken(ctx.db, token);
  if (!row) return null;
  const [user] = await ctx.db.select(LINK_USER).from(users).where(eq(users.id, row.userId));
  return emailChangeLinkHolds(row, user, ctx.now()) ? row.sentTo : null;
}

/**
 * Opens an e-mail change link: the new address becomes the user's work e-mail, the link is spent,
 * and the old address is told. Anyone holding the link may open it (it proves the new mailbox); a
 * used, replaced or expired link, one that no longer holds (emailChangeLinkHolds), or one whose
 * address was taken meanwhile, changes nothing.
 */
export async function confirmEmailChange({ ctx, input }: Verb<{ token: unknown }>) {
  // A malformed or over-long token is a link that doesn't work, not a form to correct.
  const token = typeof input.token === "string" ? input.token : "";
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findToken(tx, token, { lock: true });
    if (!row) throw new DomainError("not_found", LINK_INVALID);
    const [user] = await tx
      .select({ email: users.email, username: users.username, firstName: users.firstName, lastName: users.lastName, ...LINK_USER })
      .from(users)
      .where(eq(users.id, row.userId))
      .for("no key update");
    if (!emailChangeLinkHolds(row, user, now)) throw new DomainError("not_found", LINK_INVALID);
    try {
      await assertIdentityFree(tx, { username: user.username, email: row.sentTo, exceptId: row.userId });
    } catch {
      throw new DomainError("conflict", "Another user has this e-mail address now. Ask your administrator.");
    }
    const before = await recipientOf(tx, row.userId);
    try {
      await tx
        .update(users)
        .set({ email: row.sentTo, updatedAt: now, version: sql`${users.version} + 1` })
        .where(eq(users.id, row.userId));
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint !== null) throw identityConflict(constraint);
      throw error;
    }
    await tx.update(invitationTokens).set({ usedAt: now }).where(eq(invitationTokens.id, row.id));
    await enqueueEmail(tx, { address: before.email, userId: row.userId }, notice("email_changed", before, null, row.sentTo), now);
    const name = `${user.firstName} ${user.lastName}`;
    await recordAudit(tx, ctx, "user.email_changed", {
      actor: ctx.actor ?? selfActor({ id: row.userId, name, username: user.username }),
      target: { type: "user", id: row.userId, name },
      detail: { changes: { email: [before.email, row.sentTo] }, by: "self" },
    });
    return { email: row.sentTo };
  });
}
