import { startSession } from "./revocation";
import { Text } from "../validation";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { lockAdministration, soleAdministrator } from "../permissions/guards";
import { recordAudit } from "../audit/record-audit";
import { selfActor, SYSTEM_ACTOR, type Ctx, type Verb } from "../context";
import { burnPasswordCheck, verifyPassword } from "../passwords/hash";
import { getSettings, type Settings } from "../settings/get-settings";
import { enqueueEmail } from "../email/enqueue";
import type { Handle } from "@/db/client";
import { findUserForSignIn } from "../users/queries";
import { hitRateLimit, rateLimitRetryAfter } from "./rate-limit";
import { accountExpired } from "./session-rules";

export const SignInInput = z.object({
  identifier: Text(254, "That is too long for a username or e-mail address.").refine((v) => v.length > 0, "Enter your username or e-mail address."),
  password: z.string().min(1, "Enter your password.").max(1024),
});
/** Raw from the form: the verb parses it. */
export type SignInInput = Partial<Record<keyof z.input<typeof SignInInput>, unknown>>;

/** The one answer for an unknown user, a wrong password and a locked account. */
export const INVALID_CREDENTIALS = "Wrong username, e-mail or password.";

export type SignInRefusal = "invalid" | "inactive" | "pending" | "expired" | "rate_limited" | "busy";

export type SignInResult =
  | { ok: true; user: { id: string; username: string; name: string; sessionVersion: number; sessionId: string } }
  | { ok: false; reason: SignInRefusal; message: string; retryAfterSeconds?: number };

// Per client address, counting only the attempts refused as wrong credentials (a successful sign-in
// is not counted): generous for an office behind one NAT, tight for a password sprayer.
export const ADDRESS_LIMIT = { limit: 30, windowSeconds: 15 * 60 };
export const addressKey = (ip: string) => `sign-in:ip:${ip}`;

const refuse = (reason: SignInRefusal, message: string, retryAfterSeconds?: number): SignInResult => ({
  ok: false,
  reason,
  message,
  retryAfterSeconds,
});

/**
 * Checks a username-or-e-mail and password. Anyone may call it. An unknown user, a wrong password
 * and a locked account get the same answer after the same bcrypt work; only after the right
 * password is the real reason (deactivated, expired) told. A user without console access signs in too: their
 * pages are the account console (/account). Consecutive failures
 * are counted atomically and the one past the limit locks the account.
 */
export async function authenticate({ ctx, input }: Verb<SignInInput>): Promise<SignInResult> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) return refuse("invalid", INVALID_CREDENTIALS);
  const { identifier, password } = parsed.data;
  const now = ctx.now();

  if (ctx.ip) {
    const wait = await rateLimitRetryAfter(ctx.db, addressKey(ctx.ip), { ...ADDRESS_LIMIT, now });
    if (wait !== null) return refuse("rate_limited", "Too many sign-in attempts from your network. Try again later.", wait);
  }
  // Every refusal in the same words (unknown user, wrong password, locked) counts against the address,
  // all alike, so the count tells nothing the words don't; a sign-in that succeeds does not count.
  // Attempts under way at once are each checked before any is counted: a burst can pass the limit by
  // as many as run together, which the password-hash queue bounds (lib/passwords/hash-gate.ts).
  const invalid = async () => {
    if (ctx.ip) await hitRateLimit(ctx.db, addressKey(ctx.ip), { ...ADDRESS_LIMIT, now });
    return refuse("invalid", INVALID_CREDENTIALS);
  };

  const settings = await getSettings(ctx.db);
  const user = await findUserForSignIn(ctx.db, identifier);
  const passwordOk = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);

  if (!user) {
    await recordAudit(ctx.db, ctx, "auth.sign_in_failed", { detail: { identifier, reason: "unknown_user" } });
    return invalid();
  }
  const target = { type: "user" as const, id: user.id, name: `${user.firstName} ${user.lastName}` };

  if (user.lockedAt) {
    // Failures while locked do not pile up; the right password is refused the same way.
    await recordAudit(ctx.db, ctx, "auth.sign_in_failed", { target, detail: { identifier, reason: "locked" } });
    return invalid();
  }

  const signedIn = user.lastLoginAt ?? user.registeredAt ?? user.createdAt;
  const lastSeen = user.inactivityFrom && user.inactivityFrom > signedIn ? user.inactivityFrom : signedIn;
  const inactivityMs = settings["lockout.inactivityDays"] * 86_400_000;
  const stale = user.status === "active" && settings["lockout.inactivityDays"] > 0 && now.getTime() - lastSeen.getTime() > inactivityMs;
  if (stale && (await lockForInactivity(ctx, user, target, identifier, settings, lastSeen))) return invalid();

  if (!passwordOk) {
    await recordFailure(ctx, user, target, identifier, settings);
    return invalid();
  }

  // The password is right: from here the real reason may be told.
  if (user.status === "inactive") {
    await recordAudit(ctx.db, ctx, "auth.sign_in_failed", { target, detail: { identifier, reason: "inactive" } });
    return refuse("inactive", "Your account is deactivated. Contact your administrator.");
  }
  if (user.status === "pending") {
    await recordAudit(ctx.db, ctx, "auth.sign_in_failed", { target, detail: { identifier, reason: "pending" } });
    return refuse("pending", "Your account is not confirmed yet. Contact your administrator.");
  }
  if (accountExpired(user.accountExpiresOn, now)) {
    await recordAudit(ctx.db, ctx, "auth.sign_in_failed", { target, detail: { identifier, reason: "expired" } });
    return refuse("expired", `Your account expired on ${user.accountExpiresOn}. Contact your administrator.`);
  }

  const sessionId = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lastLoginAt: now, lastActivityAt: now }).where(eq(users.id, user.id));
    const sid = await startSession(tx, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent, now });
    await recordAudit(tx, ctx, "auth.sign_in", {
      target,
      actor: selfActor({ id: user.id, name: target.name, username: user.username }),
      detail: { session: sid },
    });
    return sid;
  });
  return { ok: true, user: { id: user.id, username: user.username, name: target.name, sessionVersion: user.sessionVersion, sessionId } };
}

/**
 * One atomic UPDATE … RETURNING: two instances counting at once never lose a failure. Says whether
 * this failure locked the account, or leaves it one wrong password from the lock.
 */
export async function recordFailure(
  ctx: Ctx,
  user: SignInUser,
  target: { type: "user"; id: string; name: string },
  identifier: string,
  settings: Settings,
  reason: "wrong_password" | "wrong_current_password" = "wrong_password",
) {
  const userId = user.id;
  const maxFailures = settings["lockout.maxFailedAttempts"];
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const locks = sql`${users.failedLoginCount} + 1 > ${maxFailures} and ${maxFailures} > 0`;
    const [row] = await tx
      .update(users)
      .set({
        failedLoginCount: sql`${users.failedLoginCount} + 1`,
        lockedAt: sql`case when ${locks} then ${now}::timestamptz else null end`,
        lockReason: sql`case when ${locks} then 'failed_logins'::lock_reason else null end`,
        sessionVersion: sql`case when ${locks} then ${users.sessionVersion} + 1 else ${users.sessionVersion} end`,
      })
      .where(and(eq(users.id, userId), isNull(users.lockedAt)))
      .returning({ failedLoginCount: users.failedLoginCount, lockedAt: users.lockedAt });
    await recordAudit(tx, ctx, "auth.sign_in_failed", {
      target,
      detail: { identifier, reason, consecutiveFailures: row?.failedLoginCount ?? null },
    });
    if (row?.lockedAt) {
      await recordAudit(tx, ctx, "user.locked", { target, detail: { reason: "failed_logins", failures: row.failedLoginCount }, actor: SYSTEM_ACTOR });
      await sendLockedNotice(tx, ctx, user, settings, "failed_logins");
    }
    // What the next wrong password does: only a signed-in user asked again is told (sign-in's answer
    // stays the same for every failure, so it tells a guesser nothing).
    return { locked: !!row?.lockedAt, lastTry: !!row && maxFailures > 0 && row.failedLoginCount === maxFailures };
  });
}

/**
 * Locks an account past the inactivity limit at its sign-in attempt, and says whether it did. The last
 * administrator is spared, counted under the administration lock: two stale administrators signing in
 * at once would each see the other still standing, and both be locked.
 */
async function lockForInactivity(
  ctx: Ctx,
  user: SignInUser,
  target: { type: "user"; id: string; name: string },
  identifier: string,
  settings: Settings,
  lastSeen: Date,
): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await lockAdministration(tx);
    if (await soleAdministrator(tx, user.id, now)) return false;
    const locked = await tx
      .update(users)
      .set({ lockedAt: now, lockReason: "inactivity", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, user.id), isNull(users.lockedAt)))
      .returning({ id: users.id });
    if (locked.length) {
      // The lock is the policy's doing, not the anonymous attempt's: the system locks, from the attempt's address.
      await recordAudit(tx, ctx, "user.locked", { target, detail: { reason: "inactivity", lastSeen }, actor: SYSTEM_ACTOR });
      await sendLockedNotice(tx, ctx, user, settings, "inactivity");
    }
    await recordAudit(tx, ctx, "auth.sign_in_failed", { target, detail: { identifier, reason: "inactivity" } });
    return true;
  });
}

export type SignInUser = NonNullable<Awaited<ReturnType<typeof findUserForSignIn>>>;

/** The "account locked" e-mail, queued in the transaction that locks. */
async function sendLockedNotice(tx: Handle, ctx: Ctx, user: SignInUser, settings: Settings, reason: "failed_logins" | "inactivity") {
  const lang = user.language;
  const detail =
    reason === "failed_logins"
      ? lang === "es"
        ? `Se escribió una contraseña incorrecta más de ${settings["lockout.maxFailedAttempts"]} veces seguidas.`
        : `A wrong password was entered more than ${settings["lockout.maxFailedAttempts"]} times in a row.`
      : lang === "es"
        ? `No se inició sesión en ${settings["lockout.inactivityDays"]} días.`
        : `Nobody signed in to it for ${settings["lockout.inactivityDays"]} days.`;
  await enqueueEmail(
    tx,
    { address: user.email, userId: user.id },
    { template: "notice", props: { kind: "account_locked", lang, organization: settings["organization.name"], firstName: user.firstName, detail } },
    ctx.now(),
  );
}
