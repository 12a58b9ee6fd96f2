/**
 * Sessions as rows: listed with browser and system, ended one at a time or all but this one by their
 * owner, or all at once by someone who outranks them; someone else's session is refused and recorded.
 */
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, sessions, users } from "@/db/schema";
import { sessionStands, startSession } from "@/lib/auth/revocation";
import { makeCtx, type UserActor } from "@/lib/context";
import { endAllSessions, endOtherSessions, endSession, listSessions } from "@/lib/sessions/sessions";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser } from "./support/factories";

const t = testDatabase();
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

beforeEach(() => resetData(t.db));

async function userWithTwoSessions() {
  const user = await insertUser(t.db, { roleKey: "basic", firstName: "Tomás", lastName: "Torres" });
  const now = new Date();
  const mine = await startSession(t.db, { userId: user.id, ip: "203.0.113.7", userAgent: FIREFOX, now });
  const phone = await startSession(t.db, { userId: user.id, ip: "198.51.100.4", userAgent: SAFARI, now });
  const actor: UserActor = { ...(actorWith([], user.id) as UserActor), name: "Tomás Torres", sessionId: mine };
  return { user, mine, phone, ctx: makeCtx(t.db, { actor }) };
}

describe("sessions", () => {
  it("lists a user's open sessions with browser, system and address, marking the caller's own", async () => {
    const { user, mine, ctx } = await userWithTwoSessions();
    const list = await listSessions({ ctx, input: { userId: user.id } });
    expect(list.map((s) => [s.browser, s.os, s.ip, s.current]).sort()).toEqual([
      ["Firefox 133", "Windows 10", "203.0.113.7", true],
      ["Safari 17", "iOS 17.5", "198.51.100.4", false],
    ]);
    expect(list.find((s) => s.current)!.id).toBe(mine);
    // The caller's own comes first even when another was seen since.
    await t.db.execute(sql`update sessions set last_seen_at = now() + interval '1 minute' where id <> ${mine}`);
    expect((await listSessions({ ctx, input: { userId: user.id } }))[0].id).toBe(mine);
    const stranger = await insertUser(t.db, { roleKey: "basic" });
    await expect(listSessions({ ctx: makeCtx(t.db, { actor: actorWith([], stranger.id) }), input: { userId: user.id } })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("no longer lists a session once the user's session version moved on (a password change, a lock…)", async () => {
    const { user, ctx } = await userWithTwoSessions();
    await t.db
      .update(users)
      .set({ sessionVersion: user.sessionVersion + 1 })
      .where(eq(users.id, user.id));
    expect(await listSessions({ ctx, input: { userId: user.id } })).toEqual([]);
    const fresh = await startSession(t.db, { userId: user.id, ip: null, userAgent: null, now: new Date() });
    expect((await listSessions({ ctx, input: { userId: user.id } })).map((s) => s.id)).toEqual([fresh]);
  });

  it("ends one session of one's own, or all the others; the ended one stands no more", async () => {
    const { user, mine, phone, ctx } = await userWithTwoSessions();
    expect(await endSession({ ctx, input: { sessionId: phone } })).toEqual({ ended: 1 });
    expect(await sessionStands(t.db, phone, user.id)).toBeNull();
    expect(await sessionStands(t.db, mine, user.id)).not.toBeNull();
    const third = await startSession(t.db, { userId: user.id, ip: null, userAgent: null, now: new Date() });
    expect(await endOtherSessions({ ctx })).toEqual({ ended: 1 });
    expect(await sessionStands(t.db, third, user.id)).toBeNull();
    expect(await sessionStands(t.db, mine, user.id)).not.toBeNull();
  });

  it("refuses ending someone else's session without the right, and records the attempt", async () => {
    const { phone } = await userWithTwoSessions();
    const other = await insertUser(t.db, { roleKey: "basic" });
    await expect(endSession({ ctx: makeCtx(t.db, { actor: actorWith([], other.id) }), input: { sessionId: phone } })).rejects.toMatchObject({
      code: "forbidden",
    });
    const [fail] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "authz_fail"));
    expect(fail.detail).toMatchObject({ attempted: "session.end" });
    expect((await t.db.select({ endedAt: sessions.endedAt }).from(sessions).where(eq(sessions.id, phone)))[0].endedAt).toBeNull();
  });

  it("an administrator ends every session of a user they outrank, in one step", async () => {
    const { user, mine, phone } = await userWithTwoSessions();
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const result = await endAllSessions({ ctx: makeCtx(t.db, { actor: actorWith("all", admin.id) }), input: { userId: user.id } });
    expect(result).toEqual({ ended: 2 });
    const [mail] = await t.db.select({ to: emailOutbox.toAddress, subject: emailOutbox.subject }).from(emailOutbox);
    expect(mail).toEqual({ to: user.email, subject: "You were signed out of Rollcall" });
    expect(await sessionStands(t.db, mine, user.id)).toBeNull();
    expect(await sessionStands(t.db, phone, user.id)).toBeNull();
    const manager = await insertUser(t.db, { roleKey: "basic" });
    await expect(endAllSessions({ ctx: makeCtx(t.db, { actor: actorWith(["users.update"], manager.id) }), input: { userId: admin.id } })).rejects.toMatchObject(
      {
        code: "forbidden",
      },
    );
  });
});

describe("loadSessionUser: every request's one query", () => {
  it("reads the user, their session while it stands, their permissions and the current settings", async () => {
    const { loadSessionUser } = await import("@/lib/users/queries");
    const { settings } = await import("@/db/schema");
    const user = await insertUser(t.db);
    const other = await insertUser(t.db);
    const now = new Date("2026-06-01T09:00:00Z");
    const sid = await startSession(t.db, { userId: user.id, ip: null, userAgent: null, now });
    await t.db
      .insert(settings)
      .values({ key: "session.idleMinutes", value: 5 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 5 } });
    const loaded = await loadSessionUser(t.db, user.id, sid);
    expect(loaded?.user).toMatchObject({ id: user.id, username: user.username });
    expect(loaded?.session).toEqual({ lastSeenAt: now });
    expect(loaded?.settings["session.idleMinutes"]).toBe(5);
    expect(loaded?.settings["password.maxAgeDays"]).toBe(120);
    expect(loaded?.permissions).toBeInstanceOf(Set);
    // Someone else's session, no session, a malformed one: the user, without a session.
    expect((await loadSessionUser(t.db, other.id, sid))?.session).toBeNull();
    expect((await loadSessionUser(t.db, user.id, null))?.session).toBeNull();
    expect((await loadSessionUser(t.db, user.id, "'; drop table users; --"))?.session).toBeNull();
    // A setting changed is seen by the very next request: nothing is remembered between queries.
    await t.db.update(settings).set({ value: 45 }).where(eq(settings.key, "session.idleMinutes"));
    expect((await loadSessionUser(t.db, user.id, sid))?.settings["session.idleMinutes"]).toBe(45);
    await t.db.delete(users).where(eq(users.id, other.id));
    expect(await loadSessionUser(t.db, other.id, null)).toBeNull();
  });
});
