import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, invitationTokens, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { hitRateLimit, rateLimitRetryAfter } from "@/lib/auth/rate-limit";
import { passwordAge, sessionRefusal } from "@/lib/auth/session-rules";
import { unseal } from "@/lib/email/seal";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { changePassword } from "@/lib/security/change-password";
import { lockInactiveUsers } from "@/lib/security/lock-inactive-users";
import { unblockUser } from "@/lib/security/unblock-user";
import { getSettings } from "@/lib/settings/get-settings";
import { updateSecuritySettings } from "@/lib/settings/update-security-settings";
import { findSessionUser } from "@/lib/users/queries";
import { resetData, testDatabase } from "./support/db";
import { actorWith, userActorWith, insertUser, PASSWORD, testCtx } from "./support/factories";

const t = testDatabase();
beforeEach(() => resetData(t.db));
const DAY = 86_400_000;

async function lockByWrongPasswords(username: string, ctx = testCtx(t.db).ctx) {
  for (let i = 0; i < 6; i++) await authenticate({ ctx, input: { identifier: username, password: "wrong password!" } });
}

describe("lockout e-mail and unblock", () => {
  it("e-mails the user, in their language, when the account locks", async () => {
    const user = await insertUser(t.db, { language: "es", firstName: "Lucía" });
    await lockByWrongPasswords(user.username);
    const mail = await t.db.select().from(emailOutbox);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: user.email, subject: "Tu cuenta de Rollcall está bloqueada", language: "es" });
    expect(unseal<{ kind: string; detail: string }>(mail[0].props)).toMatchObject({ kind: "account_locked", detail: expect.stringMatching(/más de 5 veces/) });
  });

  it("unblock clears the lock and the count, restores access, e-mails the user and can send a reset link", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const user = await insertUser(t.db);
    await lockByWrongPasswords(user.username);
    const { ctx } = testCtx(t.db, { actor: actorWith("all", admin.id) });
    await unblockUser({ ctx, input: { userId: user.id, sendPasswordReset: true } });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ lockedAt: null, lockReason: null, failedLoginCount: 0 });
    expect(await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: user.username, password: PASSWORD } })).toMatchObject({ ok: true });
    const [token] = await t.db.select().from(invitationTokens).where(eq(invitationTokens.userId, user.id));
    expect(token).toMatchObject({ purpose: "reset_password", delivery: "email" });
    const notices = await t.db.select().from(emailOutbox).where(eq(emailOutbox.subject, "Your Rollcall account is unblocked"));
    expect(notices).toHaveLength(1);
    expect(unseal<{ link: string }>(notices[0].props).link).toMatch(/^http:\/\/rollcall\.test\/password\/reset\/[A-Za-z0-9_-]{43}$/);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.unblocked"));
    expect(event.detail).toMatchObject({ reason: "failed_logins", failures: 6, passwordResetSent: true });
  });

  it("refuses a caller without users.update, or one outranked by the user", async () => {
    const user = await insertUser(t.db, { roleKey: "administrator", lockedAt: new Date(), lockReason: "failed_logins" });
    await expect(unblockUser({ ctx: testCtx(t.db, { actor: actorWith(["users.view"]) }).ctx, input: { userId: user.id } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      unblockUser({ ctx: testCtx(t.db, { actor: actorWith(["users.view", "users.update"]) }).ctx, input: { userId: user.id } }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("inactivity", () => {
  it("the daily sweep locks accounts idle for more than 90 days, counted from registration when never signed in", async () => {
    const { ctx } = testCtx(t.db);
    const now = ctx.now().getTime();
    const idle = await insertUser(t.db, { lastLoginAt: new Date(now - 91 * DAY) });
    const neverSignedIn = await insertUser(t.db, { registeredAt: new Date(now - 95 * DAY), lastLoginAt: null });
    const recent = await insertUser(t.db, { lastLoginAt: new Date(now - 10 * DAY) });
    const inactive = await insertUser(t.db, { status: "inactive", lastLoginAt: new Date(now - 400 * DAY) });
    expect(await lockInactiveUsers({ ctx })).toEqual({ locked: 2 });
    const rows = await t.db.select({ id: users.id, reason: users.lockReason }).from(users);
    const reason = (id: string) => rows.find((r) => r.id === id)!.reason;
    expect([reason(idle.id), reason(neverSignedIn.id), reason(recent.id), reason(inactive.id)]).toEqual(["inactivity", "inactivity", null, null]);
    expect(await t.db.select().from(emailOutbox)).toHaveLength(2);
  });
});

describe("unblocking an account locked for inactivity", () => {
  it("restarts the count without recording a sign-in: the user signs in next, and the sweep leaves them alone", async () => {
    const { ctx } = testCtx(t.db);
    const lastSignIn = new Date(ctx.now().getTime() - 200 * DAY);
    const user = await insertUser(t.db, { lastLoginAt: lastSignIn });
    expect(await lockInactiveUsers({ ctx })).toEqual({ locked: 1 });
    const admin = testCtx(t.db, { actor: actorWith("all") }).ctx;
    await unblockUser({ ctx: admin, input: { userId: user.id } });
    const [row] = await t.db.select({ lastLoginAt: users.lastLoginAt, inactivityFrom: users.inactivityFrom }).from(users).where(eq(users.id, user.id));
    expect(row.lastLoginAt).toEqual(lastSignIn); // "Last sign-in" still tells the truth
    expect(row.inactivityFrom).toEqual(admin.now());
    expect(await lockInactiveUsers({ ctx })).toEqual({ locked: 0 });
    expect(await authenticate({ ctx, input: { identifier: user.username, password: PASSWORD } })).toMatchObject({ ok: true });
  });
});

describe("password age", () => {
  it("forces a change 120 days after the password was set, and warns in the 14 days before", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const at = (days: number) => ({ mustChangePassword: false, passwordChangedAt: new Date(now.getTime() - days * DAY) });
    expect(passwordAge(at(120), 120, now)).toEqual({ mustChange: true, daysLeft: 0 });
    expect(passwordAge(at(110), 120, now)).toEqual({ mustChange: false, daysLeft: 10 });
    expect(passwordAge(at(10), 120, now)).toEqual({ mustChange: false, daysLeft: 110 });
    expect(passwordAge(at(500), 0, now)).toEqual({ mustChange: false, daysLeft: null }); // setting 0: off
    expect(passwordAge({ mustChangePassword: true, passwordChangedAt: now }, 120, now).mustChange).toBe(true);
  });

  it("changePassword needs the current password, refuses the same one, ends every session and e-mails a notice", async () => {
    const user = await insertUser(t.db);
    const { ctx } = testCtx(t.db, { actor: { ...userActorWith([], user.id), username: user.username } });
    await expect(changePassword({ ctx, input: { currentPassword: "nope nope nope", password: "x", confirmPassword: "x" } })).rejects.toMatchObject({
      code: "validation",
    });
    await expect(changePassword({ ctx, input: { currentPassword: PASSWORD, password: PASSWORD, confirmPassword: PASSWORD } })).rejects.toMatchObject({
      fieldErrors: { password: ["Choose a password different from the current one."] },
    });
    await expect(
      changePassword({
        ctx,
        input: { currentPassword: "wrong current password", password: "violet harbor lamp 2026!", confirmPassword: "violet harbor lamp 2026!" },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    await changePassword({ ctx, input: { currentPassword: PASSWORD, password: "violet harbor lamp 2026!", confirmPassword: "violet harbor lamp 2026!" } });
    const session = await findSessionUser(t.db, user.id);
    expect(sessionRefusal(session, 1, new Date())).toBe("revoked");
    expect(await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: user.username, password: "violet harbor lamp 2026!" } })).toMatchObject({
      ok: true,
    });
    expect((await t.db.select().from(emailOutbox))[0].subject).toBe("Your Rollcall password was changed");
  });
});

describe("sessions", () => {
  it("end after the absolute lifetime and after the idle timeout (settings)", async () => {
    const user = await insertUser(t.db, { lastActivityAt: new Date("2026-06-01T08:00:00Z") });
    const state = await findSessionUser(t.db, user.id);
    const authAt = Date.parse("2026-06-01T00:00:00Z") / 1000;
    const limits = { authAt, absoluteHours: 12, idleMinutes: 30 };
    expect(sessionRefusal(state, 1, new Date("2026-06-01T08:20:00Z"), limits)).toBeNull();
    expect(sessionRefusal(state, 1, new Date("2026-06-01T08:31:00Z"), limits)).toBe("idle");
    expect(sessionRefusal({ ...state!, lastActivityAt: new Date("2026-06-01T12:00:00Z") }, 1, new Date("2026-06-01T12:01:00Z"), limits)).toBe("too_old");
  });
});

describe("security settings", () => {
  it("are saved by roles.manage with an audit of before and after, and validated", async () => {
    const ctx = testCtx(t.db, { actor: actorWith(["roles.manage"]) }).ctx;
    const input = {
      "lockout.maxFailedAttempts": "3",
      "lockout.inactivityDays": "90",
      "password.maxAgeDays": "0",
      "password.expiryWarningDays": "14",
      "invitation.expiryDays": "7",
      "session.absoluteHours": "12",
      "session.idleMinutes": "30",
      "api.rateLimitPerMinute": "600",
      "import.invitationsPerMinute": "60",
      "import.fileRetentionDays": "30",
      // Ticked boxes send "on"; an unticked one sends nothing, and is off.
      "password.adminSetIsTemporary": "on",
      "account.editName": "on",
      "account.editPhone": "on",
      "account.editPicture": "on",
      "account.editNotifications": "on",
    };
    expect(await updateSecuritySettings({ ctx, input })).toEqual({ changed: 3 });
    const s = await getSettings(t.db);
    expect([s["lockout.maxFailedAttempts"], s["password.maxAgeDays"], s["account.editEmail"], s["account.editName"]]).toEqual([3, 0, false, true]);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.updated"));
    expect(event.detail).toEqual({
      changes: { "lockout.maxFailedAttempts": [5, 3], "password.maxAgeDays": [120, 0], "account.editEmail": [true, false] },
    });
    await expect(updateSecuritySettings({ ctx, input: { ...input, "session.idleMinutes": "1" } })).rejects.toMatchObject({
      fieldErrors: { "session.idleMinutes": ["Enter a whole number from 5 to 1440."] },
    });
    // Whatever is wrong with a number (empty, read as 0 before; huge; a fraction), one message: its range.
    await expect(updateSecuritySettings({ ctx, input: { ...input, "lockout.maxFailedAttempts": " " } })).rejects.toMatchObject({
      fieldErrors: { "lockout.maxFailedAttempts": ["Enter a whole number from 3 to 100."] },
    });
    await expect(updateSecuritySettings({ ctx, input: { ...input, "lockout.maxFailedAttempts": "1e30" } })).rejects.toMatchObject({
      fieldErrors: { "lockout.maxFailedAttempts": ["Enter a whole number from 3 to 100."] },
    });
    await expect(updateSecuritySettings({ ctx, input: { ...input, "lockout.maxFailedAttempts": "2.5" } })).rejects.toMatchObject({
      fieldErrors: { "lockout.maxFailedAttempts": ["Enter a whole number from 3 to 100."] },
    });
    // Floors: one or two tries would let anyone lock any account with a guess; a day's idleness, everyone.
    await expect(updateSecuritySettings({ ctx, input: { ...input, "lockout.maxFailedAttempts": "1", "lockout.inactivityDays": "1" } })).rejects.toMatchObject({
      fieldErrors: {
        "lockout.maxFailedAttempts": ["Enter a whole number from 3 to 100."],
        "lockout.inactivityDays": ["Enter 0 (off) or a whole number from 7 to 3650."],
      },
    });
    for (const days of ["0", "7"]) await updateSecuritySettings({ ctx, input: { ...input, "lockout.inactivityDays": days } });
    // A warning as long as a password's life is refused; with expiry off (0), any warning stands.
    await expect(updateSecuritySettings({ ctx, input: { ...input, "password.maxAgeDays": "10", "password.expiryWarningDays": "10" } })).rejects.toMatchObject({
      fieldErrors: { "password.expiryWarningDays": [expect.stringMatching(/^Warn fewer days before expiry than a password lasts/)] },
    });
    // An idle timeout past the session's lifetime would never apply: refused beside the idle field.
    await expect(
      updateSecuritySettings({ ctx, input: { ...input, "session.absoluteHours": "1", "session.idleMinutes": "600", "lockout.maxFailedAttempts": "" } }),
    ).rejects.toMatchObject({
      fieldErrors: {
        "session.idleMinutes": ["The idle timeout can't be longer than the session lifetime."],
        "lockout.maxFailedAttempts": ["Enter a whole number from 3 to 100."],
      },
    });
    await expect(updateSecuritySettings({ ctx: testCtx(t.db, { actor: actorWith(["users.update"]) }).ctx, input })).rejects.toMatchObject({
      code: "forbidden",
    });
    // The new threshold applies: the 4th wrong password now locks.
    const user = await insertUser(t.db);
    for (let i = 0; i < 4; i++) await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: user.username, password: "wrong password!" } });
    const [row] = await t.db
      .select({ lockedAt: users.lockedAt })
      .from(users)
      .where(and(eq(users.id, user.id)));
    expect(row.lockedAt).not.toBeNull();
  });
});

describe("throttling and origin checks", () => {
  it("tells how long to wait once an address is over its limit, without counting the question", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    const opts = { limit: 2, windowSeconds: 60, now };
    expect(await rateLimitRetryAfter(t.db, "k", opts)).toBeNull();
    await hitRateLimit(t.db, "k", opts);
    await hitRateLimit(t.db, "k", opts);
    expect(await rateLimitRetryAfter(t.db, "k", opts)).toBe(60);
    expect(await rateLimitRetryAfter(t.db, "k", { ...opts, now: new Date(now.getTime() + 61_000) })).toBeNull();
  });

  it("refuses cross-site state changes by Sec-Fetch-Site or Origin", () => {
    const h = (entries: Record<string, string>) => new Headers(entries);
    expect(() => assertSameOrigin(h({ "sec-fetch-site": "same-origin" }), "http://app.test")).not.toThrow();
    expect(() => assertSameOrigin(h({ "sec-fetch-site": "cross-site" }), "http://app.test")).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(h({ origin: "http://app.test" }), "http://app.test")).not.toThrow();
    expect(() => assertSameOrigin(h({ origin: "http://evil.test", host: "app.test" }), "http://app.test")).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(h({}), "http://app.test")).toThrow(/Cross-site/);
  });
});
