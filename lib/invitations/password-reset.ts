import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { invitationTokens, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { hitRateLimit } from "../auth/rate-limit";
import { selfActor, type Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { DomainError, ValidationFailed } from "../errors";
import { hashPassword, verifyPassword } from "../passwords/hash";
import { passwordProblem, refinePasswordPair } from "../passwords/policy";
import { findToken, issueToken, tokenState } from "../tokens/tokens";
import { identifierMatches } from "../users/queries";
import { parseInput, Text } from "../validation";

export const RESET_TTL_MS = 60 * 60 * 1000;
/** A used, expired or replaced reset link: its owner asks for a new one themselves. */
export const RESET_LINK_NO_LONGER_VALID = "This link is no longer valid. Ask for a new one with “Forgot your password?” on the sign-in page.";
export const FORGOT_ANSWER = "If an account has that username or e-mail, we sent a link to reset its password to its e-mail address. Check your e-mail.";
const PER_ADDRESS = { limit: 10, windowSeconds: 15 * 60 };
const PER_ACCOUNT = { limit: 3, windowSeconds: 60 * 60 };

/**
 * Forgot password: always the same answer, whether or not the account exists, with the same work
 * done in both cases (a throttle row per client and per identifier, a lookup, a transaction).
 * Public. Only an active, unlocked account with a password gets a link (valid one hour).
 */
export async function requestPasswordReset({ ctx, input }: Verb<{ identifier: unknown }>) {
  const { identifier } = parseInput(
    z.object({
      identifier: Text(254, "That is too long for a username or e-mail address.").refine((v) => v.length > 0, "Enter your username or e-mail address."),
    }),
    input,
  );
  const now = ctx.now();
  const key = identifier.toLowerCase();
  const [byAddress, byAccount] = await Promise.all([
    ctx.ip ? hitRateLimit(ctx.db, `reset:ip:${ctx.ip}`, { ...PER_ADDRESS, now }) : { allowed: true, retryAfterSeconds: 0 },
    hitRateLimit(ctx.db, `reset:id:${key}`, { ...PER_ACCOUNT, now }),
  ]);
  if (!byAddress.allowed)
    throw new DomainError("rate_limited", "Too many requests from your network. Try again later.", { retryAfterSeconds: byAddress.retryAfterSeconds });
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, status: users.status, lockedAt: users.lockedAt, hash: users.passwordHash, firstName: users.firstName, lastName: users.lastName })
      .from(users)
      .where(identifierMatches(identifier))
      .limit(1);
    const eligible = !!user && user.status === "active" && !user.lockedAt && !!user.hash && byAccount.allowed;
    if (!user || !eligible) {
      await recordAudit(tx, ctx, "auth.password_reset_requested", { detail: { identifier, sent: false } });
      return;
    }
    const issued = await issueToken(tx, {
      userId: user.id,
      purpose: "reset_password",
      delivery: "email",
      sentTo: null,
      issuedById: null,
      now,
      ttlMs: RESET_TTL_MS,
    });
    const to = await recipientOf(tx, user.id);
    const when = to.language === "es" ? "en una hora" : "in one hour";
    const emailId = await enqueueEmail(
      tx,
      { address: to.email, userId: user.id },
      {
        template: "notice",
        props: { kind: "password_reset", lang: to.language, organization: to.organization, firstName: to.firstName, link: issued.link, detail: when },
      },
      now,
    );
    await tx.update(invitationTokens).set({ emailId, sentTo: to.email }).where(eq(invitationTokens.id, issued.id));
    await recordAudit(tx, ctx, "auth.password_reset_requested", {
      target: { type: "user", id: user.id, name: `${user.firstName} ${user.lastName}` },
      detail: { identifier, sent: true },
    });
  });
  return { message: FORGOT_ANSWER };
}

export const ResetPasswordInput = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, RESET_LINK_NO_LONGER_VALID),
    password: z.string(),
    confirmPassword: z.string(),
  })
  .superRefine((d, c) => refinePasswordPair(d, c, []));

/**
 * Whether a reset link still opens its account: the link itself valid (unused, unrevoked, unexpired),
 * the account Active, and nothing since the link was sent that should end it: a password changed (by
 * anyone, anywhere), the work e-mail moved (the link went to a mailbox that is no longer theirs: what
 * an administrator changes when that mailbox is compromised) or a lock set after it. Deactivation
 * revokes the links outright (they would otherwise come back with a reactivation).
 */
export function resetLinkHolds(
  row: { purpose: string; usedAt: Date | null; revokedAt: Date | null; expiresAt: Date; createdAt: Date; sentTo: string | null } | null,
  user: { status: string; email: string; passwordChangedAt: Date | null; lockedAt: Date | null } | undefined,
  now: Date,
): boolean {
  if (!row || row.purpose !== "reset_password" || tokenState(row, now) !== "valid") return false;
  if (!user || user.status !== "active") return false;
  if (user.passwordChangedAt && user.passwordChangedAt > row.createdAt) return false;
  if (user.lockedAt && user.lockedAt > row.createdAt) return false;
  return !row.sentTo || row.sentTo.toLowerCase() === user.email.toLowerCase();
}

/**
 * Sets a new password from a reset link, once; not the current one again. Ends every session of
 * the user and e-mails a notice.
 * Public (the token is the credential). A lock stays: an administrator unblocks.
 */
export async function resetPassword({ ctx, input }: Verb<{ token: unknown; password: unknown; confirmPassword: unknown }>) {
  const data = parseInput(ResetPasswordInput, input);
  const hash = await hashPassword(data.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findToken(tx, data.token, { lock: true });
    if (!row || row.purpose !== "reset_password") throw new DomainError("not_found", RESET_LINK_NO_LONGER_VALID);
    const [user] = await tx
      .select({
        id: users.id,
        username: users.username,
        email: users.email,
        firstName: users.firstName,
        lastName: users.lastName,
        status: users.status,
        hash: users.passwordHash,
        passwordChangedAt: users.passwordChangedAt,
        lockedAt: users.lockedAt,
      })
      .from(users)
      .where(eq(users.id, row.userId))
      .for("update");
    if (!resetLinkHolds(row, user, now)) throw new DomainError("not_found", RESET_LINK_NO_LONGER_VALID);
    // As changing it from the account: a new password, not the current one again, nor one made of their own names.
    if (user.hash && (await verifyPassword(data.password, user.hash)))
      throw ValidationFailed({ password: ["Choose a password different from the current one."] });
    const problem = passwordProblem(data.password, [user.username, user.email, user.firstName, user.lastName]);
    if (problem) throw ValidationFailed({ password: [problem] });
    await tx
      .update(users)
      .set({
        passwordHash: hash,
        passwordChangedAt: now,
        mustChangePassword: false,
        failedLoginCount: 0,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    await tx
      .update(invitationTokens)
      .set({ usedAt: now })
      .where(and(eq(invitationTokens.id, row.id)));
    const to = await recipientOf(tx, user.id);
    await enqueueEmail(
      tx,
      { address: to.email, userId: user.id },
      { template: "notice", props: { kind: "password_changed", lang: to.language, organization: to.organization, firstName: to.firstName } },
      now,
    );
    const name = `${user.firstName} ${user.lastName}`;
    await recordAudit(tx, ctx, "user.password_changed", {
      target: { type: "user", id: user.id, name },
      actor: selfActor({ id: user.id, name, username: user.username }),
      detail: { by: "reset_link" },
    });
    // A lock stays (an administrator unblocks): the page says so rather than "sign in with the new one".
    return { userId: user.id, locked: !!user.lockedAt };
  });
}
