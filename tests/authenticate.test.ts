import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { authenticate, INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import { findSessionUser } from "@/lib/users/queries";
import { sessionRefusal } from "@/lib/auth/session-rules";
import { dummyCompareCount } from "@/lib/passwords/hash";
import { resetData, testDatabase } from "./support/db";
import { insertUser, PASSWORD, testCtx } from "./support/factories";

const t = testDatabase();
beforeEach(() => resetData(t.db));

const signIn = (ctx: ReturnType<typeof testCtx>["ctx"], identifier: string, password: string) => authenticate({ ctx, input: { identifier, password } });

describe("authenticate", () => {
  it("signs in by username or e-mail, in any case, and records the sign-in", async () => {
    const user = await insertUser(t.db, { username: "maria", email: "maria@example.com" });
    const { ctx } = testCtx(t.db);
    for (const identifier of ["maria", "MARIA", "Maria@Example.com"]) {
      const result = await signIn(ctx, identifier, PASSWORD);
      expect(result).toMatchObject({ ok: true, user: { id: user.id, sessionVersion: 1 } });
    }
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in"));
    expect(events).toHaveLength(3);
    const [row] = await t.db.select({ lastLoginAt: users.lastLoginAt }).from(users).where(eq(users.id, user.id));
    expect(row.lastLoginAt?.toISOString()).toBe("2026-06-01T09:00:00.000Z");
  });

  it("answers an unknown user, a wrong password and a locked account with the same words", async () => {
    await insertUser(t.db, { username: "known" });
    await insertUser(t.db, { username: "locked", lockedAt: new Date(), lockReason: "failed_logins" });
    const { ctx } = testCtx(t.db);
    const answers = [await signIn(ctx, "nobody", PASSWORD), await signIn(ctx, "known", "wrong password here"), await signIn(ctx, "locked", PASSWORD)];
    for (const a of answers) expect(a).toEqual({ ok: false, reason: "invalid", message: INVALID_CREDENTIALS, retryAfterSeconds: undefined });
  });

  it("runs bcrypt against a dummy hash for an unknown user", async () => {
    const { ctx } = testCtx(t.db);
    const before = dummyCompareCount.value;
    await signIn(ctx, "ghost", "some password");
    expect(dummyCompareCount.value).toBe(before + 1);
  });

  it("locks the account on the 6th consecutive wrong password; then the right one fails the same way", async () => {
    const user = await insertUser(t.db, { username: "target" });
    const { ctx } = testCtx(t.db);
    for (let i = 1; i <= 5; i++) {
      await signIn(ctx, i % 2 ? "target" : "TARGET", "wrong password!");
      const [row] = await t.db.select({ n: users.failedLoginCount, lockedAt: users.lockedAt }).from(users).where(eq(users.id, user.id));
      expect(row).toEqual({ n: i, lockedAt: null });
    }
    await signIn(ctx, "target", "wrong password!");
    const [locked] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(locked.lockReason).toBe("failed_logins");
    expect(locked.lockedAt).not.toBeNull();
    expect(locked.sessionVersion).toBe(2);
    expect(await signIn(ctx, "target", PASSWORD)).toMatchObject({ ok: false, message: INVALID_CREDENTIALS });
    // Failures while locked don't pile up.
    await signIn(ctx, "target", "wrong password!");
    const [after] = await t.db.select({ n: users.failedLoginCount }).from(users).where(eq(users.id, user.id));
    expect(after.n).toBe(6);
    const lockedEvents = await t.db
      .select({ actorKind: auditEvents.actorKind, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.locked"), eq(auditEvents.targetId, user.id)));
    // The policy locked the account, not the anonymous attempt: the audit log says "System".
    expect(lockedEvents).toEqual([{ actorKind: "system", actorName: "System" }]);
  });

  it("resets the count after a success", async () => {
    const user = await insertUser(t.db);
    const { ctx } = testCtx(t.db);
    for (let i = 0; i < 5; i++) await signIn(ctx, user.username, "wrong password!");
    expect(await signIn(ctx, user.username, PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) await signIn(ctx, user.username, "wrong password!");
    const [row] = await t.db.select({ n: users.failedLoginCount, lockedAt: users.lockedAt }).from(users).where(eq(users.id, user.id));
    expect(row).toEqual({ n: 5, lockedAt: null });
  });

  it("counts concurrent wrong attempts from two connections exactly", async () => {
    const user = await insertUser(t.db, { username: "racer" });
    const other = t.conn.kind === "postgres" && t.conn.url ? await openSecond(t.conn.url) : null;
    const { ctx: a } = testCtx(t.db);
    const b = other ? testCtx(other.db).ctx : a;
    await Promise.all([1, 2, 3, 4].map((i) => signIn(i % 2 ? a : b, "racer", "wrong password!")));
    const [row] = await t.db.select({ n: users.failedLoginCount }).from(users).where(eq(users.id, user.id));
    expect(row.n).toBe(4);
    await other?.close();
  });

  it("tells the real reason only after the right password", async () => {
    const { ctx } = testCtx(t.db);
    const inactive = await insertUser(t.db, { status: "inactive" });
    const expired = await insertUser(t.db, { accountExpiresOn: "2026-06-01" });
    const noConsole = await insertUser(t.db, { adminConsoleAccess: false });
    expect(await signIn(ctx, inactive.username, PASSWORD)).toMatchObject({ ok: false, reason: "inactive" });
    expect(await signIn(ctx, inactive.username, "wrong password!")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await signIn(ctx, expired.username, PASSWORD)).toMatchObject({
      ok: false,
      reason: "expired",
      message: "Your account expired on 2026-06-01. Contact your administrator.",
    });
    // Without console access a user still signs in: to their own account (/account), nothing else.
    expect(await signIn(ctx, noConsole.username, PASSWORD)).toMatchObject({ ok: true });
  });

  it("locks an account unused for more than 90 days at its next attempt", async () => {
    const { ctx } = testCtx(t.db);
    const idle = await insertUser(t.db, { lastLoginAt: new Date("2026-03-01T09:00:00Z") }); // 92 days before
    expect(await signIn(ctx, idle.username, PASSWORD)).toMatchObject({ ok: false, reason: "invalid" });
    const [row] = await t.db.select({ reason: users.lockReason }).from(users).where(eq(users.id, idle.id));
    expect(row.reason).toBe("inactivity");
  });

  it("counts only refused attempts against the address: an office's sign-ins don't lock it out", async () => {
    const { ctx } = testCtx(t.db, { ip: "198.51.100.10" });
    const member = await insertUser(t.db);
    for (let i = 0; i < 29; i++) expect(await signIn(ctx, `nobody${i}`, "whatever password")).toMatchObject({ reason: "invalid" });
    for (let i = 0; i < 5; i++) expect(await signIn(ctx, member.username, PASSWORD)).toMatchObject({ ok: true });
    // The 30th refusal is still answered as one; the attempt after it is throttled, right password or not.
    expect(await signIn(ctx, member.username, "a wrong password here")).toMatchObject({ reason: "invalid" });
    expect(await signIn(ctx, member.username, PASSWORD)).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("throttles one client address across accounts", async () => {
    const { ctx } = testCtx(t.db, { ip: "198.51.100.9" });
    let last;
    for (let i = 0; i < 31; i++) last = await signIn(ctx, `nobody${i}`, "whatever password");
    expect(last).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((last as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("sessions", () => {
  it("end on the next request once the user is set inactive directly in the database", async () => {
    const user = await insertUser(t.db);
    const now = new Date();
    expect(sessionRefusal(await findSessionUser(t.db, user.id), 1, now)).toBeNull();
    await t.db.update(users).set({ status: "inactive" }).where(eq(users.id, user.id));
    expect(sessionRefusal(await findSessionUser(t.db, user.id), 1, now)).toBe("inactive");
  });

  it("end when locked, revoked, expired or deleted (not when barred from the console: the account stays theirs)", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    const user = await insertUser(t.db);
    const state = async () => sessionRefusal(await findSessionUser(t.db, user.id), 1, now);
    await t.db.update(users).set({ lockedAt: now }).where(eq(users.id, user.id));
    expect(await state()).toBe("locked");
    await t.db.update(users).set({ lockedAt: null, sessionVersion: 2 }).where(eq(users.id, user.id));
    expect(await state()).toBe("revoked");
    await t.db.update(users).set({ sessionVersion: 1, accountExpiresOn: "2026-06-01" }).where(eq(users.id, user.id));
    expect(await state()).toBe("expired");
    await t.db.update(users).set({ accountExpiresOn: null, adminConsoleAccess: false }).where(eq(users.id, user.id));
    expect(await state()).toBeNull();
    await t.db.delete(users).where(eq(users.id, user.id));
    expect(await state()).toBe("gone");
  });
});

async function openSecond(url: string) {
  const { openPostgres } = await import("@/db/client");
  return openPostgres(url, 2);
}

describe("sessions", () => {
  it("a sign-in opens a session row; it stands for its own user until it ends, once", async () => {
    const { startSession, sessionStands, endSessionRow } = await import("@/lib/auth/revocation");
    const user = await insertUser(t.db);
    const other = await insertUser(t.db);
    const now = new Date("2026-06-01T09:00:00Z");
    const sid = await startSession(t.db, { userId: user.id, ip: "203.0.113.7", userAgent: "Firefox", now });
    expect(await sessionStands(t.db, sid, user.id)).toEqual({ lastSeenAt: now });
    expect(await sessionStands(t.db, sid, other.id)).toBeNull();
    expect(await sessionStands(t.db, undefined, user.id)).toBeNull();
    expect(await sessionStands(t.db, "not-a-session-id-at-all-nope-nope-no", user.id)).toBeNull();
    expect(await endSessionRow(t.db, sid, "sign_out", now)).toBe(true);
    expect(await endSessionRow(t.db, sid, "sign_out", now)).toBe(false);
    expect(await sessionStands(t.db, sid, user.id)).toBeNull();
  });

  it("the successful sign-in returns its session id and records it", async () => {
    await insertUser(t.db, { username: "sess" });
    const result = await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: "sess", password: PASSWORD } });
    expect(result.ok && result.user.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
