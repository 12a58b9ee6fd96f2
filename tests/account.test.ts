/**
 * The account console's rules: a user edits only what the administrator lets them, changes their work
 * e-mail through a link to the new address, sees their own security activity, and can lock their own
 * account ("This wasn't me"); a password an administrator types is temporary by default.
 */
import { and, eq, isNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, invitationTokens, rolePermissions, roles, sessions, settings, users } from "@/db/schema";
import { confirmEmailChange, pendingEmailChange, requestEmailChange } from "@/lib/account/email-change";
import { getOwnAccount, updateOwnProfile } from "@/lib/account/own-profile";
import { listSecurityActivity, reportNotMe, unblockers } from "@/lib/account/security-activity";
import { authenticate } from "@/lib/auth/authenticate";
import { sessionStands, startSession } from "@/lib/auth/revocation";
import { makeCtx, type UserActor } from "@/lib/context";
import { unseal } from "@/lib/email/seal";
import { createUser } from "@/lib/users/create-user";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, PASSWORD, roleId, testCtx } from "./support/factories";

const t = testDatabase();

beforeEach(() => resetData(t.db));

async function tomas(overrides: Parameters<typeof insertUser>[1] = {}) {
  const user = await insertUser(t.db, { roleKey: "basic", firstName: "Tomás", lastName: "Torres", adminConsoleAccess: false, country: "PA", ...overrides });
  const actor: UserActor = { ...(actorWith([], user.id) as UserActor), name: "Tomás Torres", username: user.username };
  return { user, actor, ctx: makeCtx(t.db, { actor, ip: "203.0.113.7", userAgent: "vitest" }) };
}

const outboxTo = async (address: string) => t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));
const setSetting = (key: string, value: unknown) => t.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
const tokenOf = (link: string) => link.split("/").pop()!;

/** A custom role that may update (and so unblock) users. */
async function managerRole() {
  const [role] = await t.db
    .insert(roles)
    .values({ key: `manager_${Date.now()}_${Math.random()}`, name: `Manager ${Math.random()}` })
    .returning();
  await t.db.insert(rolePermissions).values([
    { roleId: role.id, permission: "users.update" },
    { roleId: role.id, permission: "users.view" },
  ]);
  return role.key!;
}

describe("own profile", () => {
  it("changes name, phone, language and notifications, with one audit event by the user", async () => {
    const { user, ctx } = await tomas();
    const result = await updateOwnProfile({
      ctx,
      input: { firstName: "Tomás", lastName: "Torres Vega", phone: "6123 4567", language: "es", notifyDomain: true, notifyGeneral: false },
    });
    expect(result).toEqual({ changed: true, language: "es" });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ lastName: "Torres Vega", phone: "+50761234567", language: "es", notifyDomain: true, notifyGeneral: false });
    expect(row.version).toBe(user.version + 1);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.updated", actorId: user.id, detail: { by: "self" } });
    expect(Object.keys((events[0].detail as { changes: object }).changes).sort()).toEqual(["language", "lastName", "notifyDomain", "notifyGeneral", "phone"]);
    // The same values again change nothing and record nothing.
    expect(await updateOwnProfile({ ctx, input: { lastName: "Torres Vega", phone: "+507 6123 4567" } })).toMatchObject({ changed: false });
  });

  it("refuses a save from a page left open while the profile changed elsewhere, and writes nothing", async () => {
    const { user, ctx } = await tomas();
    const shown = (await getOwnAccount({ ctx })).version;
    // Another tab saves first.
    expect(await updateOwnProfile({ ctx, input: { firstName: "Tomasz", expectedVersion: String(shown) } })).toMatchObject({ changed: true });
    // The first tab, not reloaded, saves its notifications with the old first name in the form.
    await expect(updateOwnProfile({ ctx, input: { firstName: user.firstName, notifyInvoice: true, expectedVersion: String(shown) } })).rejects.toMatchObject({
      code: "precondition_failed",
      message: expect.stringMatching(/changed elsewhere/),
    });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ firstName: "Tomasz", notifyInvoice: user.notifyInvoice });
  });

  it("refuses a field the administrator keeps to themselves, and a phone that is no phone", async () => {
    const { user, ctx } = await tomas();
    await setSetting("account.editName", false);
    await setSetting("account.editNotifications", false);
    await expect(updateOwnProfile({ ctx, input: { firstName: "Tom", notifyService: true } })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { firstName: [expect.stringMatching(/administrator manages/)], notifyService: [expect.stringMatching(/administrator manages/)] },
    });
    await expect(updateOwnProfile({ ctx, input: { phone: "12" } })).rejects.toMatchObject({ fieldErrors: { phone: [expect.any(String)] } });
    // The language is always the user's own.
    expect(await updateOwnProfile({ ctx, input: { language: "es" } })).toMatchObject({ changed: true });
    const account = await getOwnAccount({ ctx });
    expect(account.editable).toMatchObject({ name: false, notifications: false, phone: true });
    expect(account.firstName).toBe(user.firstName);
  });

  it("reports a bad phone number together with a bad name, for the user's country", async () => {
    const { ctx } = await tomas();
    await expect(updateOwnProfile({ ctx, input: { firstName: "", phone: "12" } })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { firstName: [expect.any(String)], phone: [expect.stringMatching(/valid phone number for Panama/)] },
    });
  });

  it("tells the password's expiry date from the setting", async () => {
    const changed = new Date("2026-01-01T00:00:00Z");
    const { ctx } = await tomas({ passwordChangedAt: changed });
    expect((await getOwnAccount({ ctx })).passwordExpiresAt?.toISOString()).toBe("2026-05-01T00:00:00.000Z");
    await setSetting("password.maxAgeDays", 0);
    expect((await getOwnAccount({ ctx })).passwordExpiresAt).toBeNull();
  });
});

describe("work e-mail change", () => {
  it("changes only when the link sent to the new address is opened, telling the old address both times", async () => {
    const { user, ctx } = await tomas();
    const { sentTo } = await requestEmailChange({ ctx, input: { email: "tomas.new@example.com", currentPassword: PASSWORD } });
    expect(sentTo).toBe("tomas.new@example.com");
    expect((await t.db.select({ email: users.email }).from(users).where(eq(users.id, user.id)))[0].email).toBe(user.email);
    expect(await pendingEmailChange({ ctx })).toMatchObject({ email: "tomas.new@example.com" });

    const [confirmMail] = await outboxTo("tomas.new@example.com");
    const link = unseal<{ link: string; kind: string }>(confirmMail.props);
    expect(link.kind).toBe("email_change_confirm");
    expect(link.link).toMatch(/\/email\/confirm\/[A-Za-z0-9_-]{43}$/);
    expect((await outboxTo(user.email)).map((m) => unseal<{ kind: string }>(m.props).kind)).toEqual(["email_change_requested"]);
    const [token] = await t.db.select().from(invitationTokens).where(eq(invitationTokens.userId, user.id));
    expect(token.tokenHash).not.toContain(tokenOf(link.link)); // only its hash is stored

    const anonymous = makeCtx(t.db, { actor: null });
    expect(await confirmEmailChange({ ctx: anonymous, input: { token: tokenOf(link.link) } })).toEqual({ email: "tomas.new@example.com" });
    expect((await t.db.select({ email: users.email }).from(users).where(eq(users.id, user.id)))[0].email).toBe("tomas.new@example.com");
    expect((await outboxTo(user.email)).map((m) => unseal<{ kind: string }>(m.props).kind).sort()).toEqual(["email_change_requested", "email_changed"]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.email_changed")));
    expect(event).toMatchObject({ actorId: user.id, detail: { changes: { email: [user.email, "tomas.new@example.com"] } } });
    // Both are in their own security activity: a change they did not ask for is what it is there to show.
    expect((await listSecurityActivity({ ctx })).map((e) => e.action)).toEqual(["user.email_changed", "user.email_change_requested"]);

    // A used link changes nothing.
    await expect(confirmEmailChange({ ctx: anonymous, input: { token: tokenOf(link.link) } })).rejects.toMatchObject({ code: "not_found" });
    expect(await pendingEmailChange({ ctx })).toBeNull();
  });

  it("refuses a wrong current password, the same address, a taken one, an expired or replaced link", async () => {
    const { ctx } = await tomas();
    const other = await insertUser(t.db, { email: "taken@example.com" });
    await expect(requestEmailChange({ ctx, input: { email: "x@example.com", currentPassword: "not my password" } })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    const me = await getOwnAccount({ ctx });
    await expect(requestEmailChange({ ctx, input: { email: me.email.toUpperCase(), currentPassword: PASSWORD } })).rejects.toMatchObject({
      fieldErrors: { email: ["That is already your work e-mail address."] },
    });
    await expect(requestEmailChange({ ctx, input: { email: other.email, currentPassword: PASSWORD } })).rejects.toMatchObject({ code: "conflict" });

    const link = (address: string) => outboxTo(address).then(([m]) => tokenOf(unseal<{ link: string }>(m.props).link));
    await requestEmailChange({ ctx, input: { email: "first@example.com", currentPassword: PASSWORD } });
    const first = await link("first@example.com");
    await requestEmailChange({ ctx, input: { email: "second@example.com", currentPassword: PASSWORD } });
    expect(await outboxTo("first@example.com")).toEqual([]); // replaced before it went out: its dead link is never sent
    const anonymous = makeCtx(t.db, { actor: null });
    await expect(confirmEmailChange({ ctx: anonymous, input: { token: first } })).rejects.toMatchObject({ code: "not_found" });
    const later = makeCtx(t.db, { actor: null, now: () => new Date(Date.now() + 25 * 3600_000) });
    await expect(confirmEmailChange({ ctx: later, input: { token: await link("second@example.com") } })).rejects.toMatchObject({ code: "not_found" });

    // Taken meanwhile by someone else: refused, nothing changes.
    await t.db.update(users).set({ email: "second@example.com" }).where(eq(users.id, other.id));
    await expect(confirmEmailChange({ ctx: anonymous, input: { token: await link("second@example.com") } })).rejects.toMatchObject({ code: "conflict" });
    expect((await getOwnAccount({ ctx })).email).toBe(me.email);
  });

  it("ends a pending link with “This wasn't me”, a new password, a lock, a deactivation or an administrator's new address", async () => {
    const anonymous = makeCtx(t.db, { actor: null });
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const asAdmin = makeCtx(t.db, { actor: actorWith("all", admin.id) });
    const ask = async (ctx: ReturnType<typeof makeCtx>, address: string) => {
      await requestEmailChange({ ctx, input: { email: address, currentPassword: PASSWORD } });
      const [mail] = await outboxTo(address);
      return tokenOf(unseal<{ link: string }>(mail.props).link);
    };
    const stillHolds = async (token: string, ctx: ReturnType<typeof makeCtx>) => {
      const pending = await pendingEmailChange({ ctx });
      const confirmed = await confirmEmailChange({ ctx: anonymous, input: { token } }).then(
        () => true,
        (error) => (expect(error).toMatchObject({ code: "not_found" }), false),
      );
      return { pending: pending?.email ?? null, confirmed };
    };

    // Whoever held the session asks; the owner answers "This wasn't me": the link is revoked with the report.
    const reported = await tomas();
    const first = await ask(reported.ctx, "held.by.someone@example.net");
    await reportNotMe({ ctx: reported.ctx });
    await t.db.update(users).set({ lockedAt: null, lockReason: null }).where(eq(users.id, reported.user.id)); // unblocked, no reset
    expect(await stillHolds(first, reported.ctx)).toEqual({ pending: null, confirmed: false });

    // A password changed since the link went out ends it (the account page no longer says it waits).
    const changed = await tomas();
    const second = await ask(changed.ctx, "second.try@example.net");
    await t.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() + 1000) })
      .where(eq(users.id, changed.user.id));
    expect(await stillHolds(second, changed.ctx)).toEqual({ pending: null, confirmed: false });

    // Locked (too many wrong passwords): not while locked; once unblocked, the owner may still confirm.
    const locked = await tomas();
    const third = await ask(locked.ctx, "third.try@example.net");
    await t.db.update(users).set({ lockedAt: new Date(), lockReason: "failed_logins" }).where(eq(users.id, locked.user.id));
    expect(await stillHolds(third, locked.ctx)).toEqual({ pending: null, confirmed: false });
    await t.db.update(users).set({ lockedAt: null, lockReason: null }).where(eq(users.id, locked.user.id));
    expect(await stillHolds(third, locked.ctx)).toEqual({ pending: "third.try@example.net", confirmed: true });

    // An administrator corrects the address: theirs wins over the one waiting.
    const corrected = await tomas();
    const fourth = await ask(corrected.ctx, "fourth.try@example.net");
    const { version } = (await t.db.select({ version: users.version }).from(users).where(eq(users.id, corrected.user.id)))[0];
    const { updateUser } = await import("@/lib/users/update-user");
    const { username, language } = corrected.user;
    await updateUser({
      ctx: asAdmin,
      input: {
        ...{ firstName: "Tomás", lastName: "Torres", username, language, country: "PA", roleId: await roleId(t.db, "basic"), status: "active" },
        email: "right.address@example.com",
        userId: corrected.user.id,
        expectedVersion: version,
      },
    });
    expect(await stillHolds(fourth, corrected.ctx)).toEqual({ pending: null, confirmed: false });
    expect((await t.db.select({ email: users.email }).from(users).where(eq(users.id, corrected.user.id)))[0].email).toBe("right.address@example.com");

    // Deactivated: revoked, so a reactivation does not bring it back.
    const deactivated = await tomas();
    const fifth = await ask(deactivated.ctx, "fifth.try@example.net");
    const { deactivateUser } = await import("@/lib/users/deactivate-user");
    await deactivateUser({ ctx: asAdmin, input: { userId: deactivated.user.id } });
    await t.db.update(users).set({ status: "active" }).where(eq(users.id, deactivated.user.id));
    expect(await stillHolds(fifth, deactivated.ctx)).toEqual({ pending: null, confirmed: false });
  });

  it("counts a wrong current password like a wrong sign-in: the one past the limit locks the account", async () => {
    const { user, ctx } = await tomas();
    for (let i = 0; i < 4; i++)
      await expect(requestEmailChange({ ctx, input: { email: "x@example.com", currentPassword: `guess number ${i}` } })).rejects.toMatchObject({
        fieldErrors: { currentPassword: ["That is not your current password."] },
      });
    // The holder of the session is warned before the try that locks, and told when it did.
    await expect(requestEmailChange({ ctx, input: { email: "x@example.com", currentPassword: "guess number 4" } })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["That is not your current password. One more wrong password locks your account."] },
    });
    expect((await t.db.select({ lockedAt: users.lockedAt }).from(users).where(eq(users.id, user.id)))[0].lockedAt).toBeNull();
    await expect(requestEmailChange({ ctx, input: { email: "x@example.com", currentPassword: "the sixth guess" } })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: {
        currentPassword: [expect.stringMatching(/^That is not your current password, and it was one wrong password too many: your account is now locked/)],
      },
    });
    const [row] = await t.db.select({ lockedAt: users.lockedAt, reason: users.lockReason }).from(users).where(eq(users.id, user.id));
    expect(row.lockedAt).not.toBeNull();
    expect(row.reason).toBe("failed_logins");
    const failures = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(failures).toHaveLength(6);
    expect(failures[0].detail).toMatchObject({ reason: "wrong_current_password" });
  });

  it("is refused when the administrator keeps the e-mail to themselves", async () => {
    const { ctx } = await tomas();
    await setSetting("account.editEmail", false);
    await expect(requestEmailChange({ ctx, input: { email: "x@example.com", currentPassword: PASSWORD } })).rejects.toMatchObject({ code: "validation" });
  });
});

describe("security activity and \u201cThis wasn't me\u201d", () => {
  it("lists the user's own sign-ins and failed attempts, newest first", async () => {
    const { user, ctx } = await tomas();
    const signIn = (password: string) =>
      authenticate({
        ctx: testCtx(t.db, { ip: "198.51.100.4", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" }).ctx,
        input: { identifier: user.username, password },
      });
    await signIn("wrong password!");
    await signIn(PASSWORD);
    const activity = await listSecurityActivity({ ctx });
    expect(activity.map((e) => [e.action, e.reason, e.ip, e.browser])).toEqual([
      ["auth.sign_in", null, "198.51.100.4", "Firefox 133"],
      ["auth.sign_in_failed", "wrong_password", "198.51.100.4", "Firefox 133"],
    ]);
    const stranger = await tomas();
    expect(await listSecurityActivity({ ctx: stranger.ctx })).toEqual([]);
  });

  it("locks the account with its own reason, ends every session and e-mails the user and who may unblock", async () => {
    const { user, ctx } = await tomas();
    const admin = await insertUser(t.db, { roleKey: "administrator", email: "ada@example.com" });
    const manager = await insertUser(t.db, { roleKey: await managerRole(), email: "umberto@example.com" });
    await insertUser(t.db, { roleKey: "administrator", email: "away@example.com", status: "inactive" });
    await insertUser(t.db, { roleKey: "basic", email: "bea@example.com" });
    const one = await startSession(t.db, { userId: user.id, ip: null, userAgent: null, now: new Date() });
    const two = await startSession(t.db, { userId: user.id, ip: null, userAgent: null, now: new Date() });

    expect(await reportNotMe({ ctx })).toMatchObject({ sessionsEnded: 2 });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.lockReason).toBe("reported");
    expect(row.lockedAt).not.toBeNull();
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await sessionStands(t.db, one, user.id)).toBeNull();
    expect(await sessionStands(t.db, two, user.id)).toBeNull();
    expect((await t.db.select().from(sessions).where(eq(sessions.id, one)))[0].endedReason).toBe("reported");

    const kinds = async (address: string) => (await outboxTo(address)).map((m) => unseal<{ kind: string }>(m.props).kind);
    expect(await kinds(user.email)).toEqual(["account_locked"]);
    expect(await kinds(admin.email)).toEqual(["account_reported"]);
    expect(await kinds(manager.email)).toEqual(["account_reported"]);
    expect(await kinds("away@example.com")).toEqual([]);
    expect(await kinds("bea@example.com")).toEqual([]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.locked")));
    expect(event).toMatchObject({ actorId: user.id, detail: { reason: "reported" } });
    // Locked: the right password is refused like any other.
    expect(await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: user.username, password: PASSWORD } })).toMatchObject({ ok: false });
  });

  it("does not lock the only administrator, who could never be unblocked", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const actor: UserActor = { ...(actorWith("all", admin.id) as UserActor) };
    await expect(reportNotMe({ ctx: makeCtx(t.db, { actor }) })).rejects.toMatchObject({ code: "precondition_failed" });
    expect((await t.db.select({ lockedAt: users.lockedAt }).from(users).where(eq(users.id, admin.id)))[0].lockedAt).toBeNull();
  });

  it("leaves one of two administrators reporting at once unlocked", async () => {
    const [ada, grace] = await Promise.all([insertUser(t.db, { roleKey: "administrator" }), insertUser(t.db, { roleKey: "administrator" })]);
    const ctxOf = (id: string) => makeCtx(t.db, { actor: { ...(actorWith("all", id) as UserActor) } });
    const results = await Promise.allSettled([reportNotMe({ ctx: ctxOf(ada.id) }), reportNotMe({ ctx: ctxOf(grace.id) })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const unlocked = await t.db.select({ id: users.id }).from(users).where(isNull(users.lockedAt));
    expect(unlocked).toHaveLength(1);
  });

  it("asks only users who may unblock: a denial of users.update counts, a grant too", async () => {
    const { user } = await tomas();
    const denied = await insertUser(t.db, { roleKey: await managerRole() });
    const granted = await insertUser(t.db, { roleKey: "basic" });
    const { userPermissions } = await import("@/db/schema");
    await t.db.insert(userPermissions).values([
      { userId: denied.id, permission: "users.update", effect: "deny" },
      { userId: granted.id, permission: "users.update", effect: "grant" },
    ]);
    const ids = (await unblockers(t.db, user.id)).map((u) => u.id);
    expect(ids).toContain(granted.id);
    expect(ids).not.toContain(denied.id);
  });
});

describe("a password an administrator types", () => {
  const newUser = async (username: string) => ({
    firstName: "Nadia",
    lastName: "Núñez",
    username,
    email: `${username}@example.com`,
    roleId: await roleId(t.db, "basic"),
    access: "password",
    password: PASSWORD,
    confirmPassword: PASSWORD,
  });

  it("is temporary by default: the user must choose their own at first sign-in", async () => {
    const ctx = makeCtx(t.db, { actor: actorWith("all") });
    const { id } = await createUser({ ctx, input: await newUser("nadia") });
    const [row] = await t.db.select({ must: users.mustChangePassword }).from(users).where(eq(users.id, id));
    expect(row.must).toBe(true);
    await setSetting("password.adminSetIsTemporary", false);
    const second = await createUser({ ctx, input: await newUser("nadia2") });
    const [kept] = await t.db.select({ must: users.mustChangePassword }).from(users).where(eq(users.id, second.id));
    expect(kept.must).toBe(false);
  });
});
