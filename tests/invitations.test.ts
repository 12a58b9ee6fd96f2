import { desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, invitationTokens, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { sessionRefusal } from "@/lib/auth/session-rules";
import { unseal } from "@/lib/email/seal";
import { FORGOT_ANSWER, RESET_LINK_NO_LONGER_VALID, requestPasswordReset, resetPassword } from "@/lib/invitations/password-reset";
import { completeRegistration, describeInvitation, LINK_NO_LONGER_VALID } from "@/lib/invitations/registration";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { hashToken } from "@/lib/tokens/tokens";
import { resetLinkUsable } from "@/lib/invitations/describe-reset";
import { changePassword } from "@/lib/security/change-password";
import { sendPasswordReset } from "@/lib/security/password-duties";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { reactivateUser } from "@/lib/users/reactivate-user";
import { confirmUser } from "@/lib/users/confirm-user";
import { createUser } from "@/lib/users/create-user";
import { findSessionUser } from "@/lib/users/queries";
import { resetData, testDatabase } from "./support/db";
import { actorWith, userActorWith, insertUser, PASSWORD, roleId, testCtx } from "./support/factories";

const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
beforeEach(async () => {
  await resetData(t.db);
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
});
const clock = () => testCtx(t.db, { actor: { ...userActorWith("all", admin.id), name: "Ada Admin" } });

async function invite(method: "email" | "link", extra: Record<string, unknown> = {}) {
  const { ctx } = clock();
  return createUser({
    ctx,
    input: {
      firstName: "Inés",
      lastName: "Ruiz",
      username: `iruiz${Math.random().toString(36).slice(2, 7)}`,
      email: `ines${Math.random().toString(36).slice(2, 7)}@example.com`,
      personalEmail: "ines.personal@example.org",
      language: "es",
      roleId: await roleId(t.db, "basic"),
      access: "invite",
      inviteMethod: method,
      adminConsoleAccess: "on",
      ...extra,
    },
  });
}

const linkOf = async (to: string) => {
  const [mail] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
  return unseal<{ link: string }>(mail.props).link;
};
const tokenFrom = (link: string) => link.split("/").pop()!;
const registration = (token: string) => ({
  token,
  firstName: "Inés",
  lastName: "Ruiz",
  phone: "+507 6123 4567",
  country: "PA",
  language: "es",
  password: "lighthouse pepper violin",
  confirmPassword: "lighthouse pepper violin",
});

describe("invitations", () => {
  it("confirming a user with no password (the link revoked) e-mails them a link to choose one, replacing any open link", async () => {
    const { id, invitationLink: link } = await invite("link");
    const { ctx } = clock();
    const [open] = await t.db.select().from(invitationTokens).where(eq(invitationTokens.userId, id));
    await revokeInvitation({ ctx, input: { tokenId: open.id } });
    await confirmUser({ ctx, input: { userId: id } });
    const [user] = await t.db.select().from(users).where(eq(users.id, id));
    expect(user).toMatchObject({ status: "active", passwordHash: null });
    const [mail] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    const props = unseal<{ kind: string; link: string; detail: string }>(mail.props);
    expect(props).toMatchObject({ kind: "welcome_set_password", detail: expect.stringMatching(/ de 20\d\d$/) }); // in her language (es)
    expect(props.link).not.toBe(link);
    // The link lets her choose a password, and she can then sign in.
    await completeRegistration({ ctx, input: registration(tokenFrom(props.link)) });
    const [after] = await t.db.select().from(users).where(eq(users.id, id));
    expect(after.passwordHash).not.toBeNull();
    expect(after.status).toBe("active");
    // Confirming someone who has a password sends the plain welcome.
    const other = await insertUser(t.db, { status: "pending", registeredAt: null, email: "has.password@example.com" });
    await confirmUser({ ctx, input: { userId: other.id } });
    const [welcome] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "has.password@example.com"));
    expect(unseal<{ kind: string }>(welcome.props).kind).toBe("welcome");
  });

  it("says in the trail that confirming sent a link to choose a password, and that a shared invitation link stopped working", async () => {
    const { id, invitationLink: shared } = await invite("link");
    const { ctx } = clock();
    await confirmUser({ ctx, input: { userId: id } });
    expect((await describeInvitation(ctx, tokenFrom(shared!))).state).toBe("revoked");
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.confirmed"));
    expect(event.detail).toEqual({ welcome: "set_password_replacing" });
    const { auditWords, describeEvent } = await import("@/lib/audit/describe-event");
    for (const [locale, words] of [
      ["en", "e-mailed them a link to choose a password; their open invitation link stopped working"],
      ["es", "le envió por correo un enlace para elegir contraseña; su enlace de invitación abierto dejó de funcionar"],
    ] as const)
      expect(describeEvent(event, await auditWords(locale), { roleId: new Map(), branchId: new Map(), teamId: new Map() }).sentence).toContain(words);
    // With a password already, the plain welcome: nothing to say beyond the confirmation.
    const other = await insertUser(t.db, { status: "pending", registeredAt: null, email: "has.password.too@example.com" });
    await confirmUser({ ctx, input: { userId: other.id } });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, other.id));
    expect(events.map((e) => [e.action, e.detail])).toEqual([["user.confirmed", {}]]);
  });

  it("by e-mail: stores only the hash, sends the link to the personal address, and registers once", async () => {
    const { id } = await invite("email");
    const link = await linkOf("ines.personal@example.org");
    expect(link).toMatch(/^http:\/\/rollcall\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(invitationTokens).where(eq(invitationTokens.userId, id));
    expect(row.tokenHash).toBe(hashToken(tokenFrom(link)));
    expect(JSON.stringify(row)).not.toContain(tokenFrom(link));
    const { ctx } = clock();
    const described = await describeInvitation(ctx, tokenFrom(link));
    expect(described).toMatchObject({ state: "valid", organization: "Rollcall", user: { firstName: "Inés" } });

    const results = await Promise.allSettled([
      completeRegistration({ ctx, input: registration(tokenFrom(link)) }),
      completeRegistration({ ctx, input: registration(tokenFrom(link)) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const [user] = await t.db.select().from(users).where(eq(users.id, id));
    expect(user).toMatchObject({ status: "active", phone: "+50761234567" });
    expect(user.registeredAt).not.toBeNull();
    expect(user.confirmedAt).not.toBeNull();
    expect(await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: user.username, password: "lighthouse pepper violin" } })).toMatchObject({
      ok: true,
    });
    await expect(completeRegistration({ ctx, input: registration(tokenFrom(link)) })).rejects.toThrow(LINK_NO_LONGER_VALID);
    expect((await listInvitations(ctx, id))[0]).toMatchObject({ delivery: "email", state: "used", emailStatus: "pending" });
  });

  it("a mailed link ends when the address it went to is corrected, with a lock, or a deactivation; a shareable link is tied to no address", async () => {
    const { ctx } = clock();
    // A typo in the personal e-mail: the stranger who got the link can't register once it is corrected.
    const { id } = await invite("email", { personalEmail: "ines.personal@exmaple.org" });
    const typo = tokenFrom(await linkOf("ines.personal@exmaple.org"));
    const [before] = await t.db.select().from(users).where(eq(users.id, id));
    const { updateUser } = await import("@/lib/users/update-user");
    await updateUser({
      ctx,
      input: {
        ...{ firstName: before.firstName, lastName: before.lastName, username: before.username, email: before.email, language: before.language },
        ...{ roleId: before.roleId, adminConsoleAccess: "on", status: "active", userId: id, expectedVersion: before.version },
        personalEmail: "ines.personal@example.org",
      },
    });
    expect((await describeInvitation(ctx, typo)).state).toBe("revoked");
    await expect(completeRegistration({ ctx, input: registration(typo) })).rejects.toThrow(LINK_NO_LONGER_VALID);
    expect((await listInvitations(ctx, id))[0]).toMatchObject({ sentTo: "ines.personal@exmaple.org", state: "revoked" });
    expect((await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id)))[0].hash).toBeNull();

    // A set-password link (after a confirmation) ends with a deactivation: a reactivation brings none back.
    const { id: confirmed, invitationLink: shared } = await invite("link");
    await revokeInvitation({ ctx, input: { tokenId: (await t.db.select().from(invitationTokens).where(eq(invitationTokens.userId, confirmed)))[0].id } });
    await confirmUser({ ctx, input: { userId: confirmed } });
    const [row] = await t.db.select().from(users).where(eq(users.id, confirmed));
    const setPassword = tokenFrom(await linkOf(row.email));
    await deactivateUser({ ctx, input: { userId: confirmed } });
    await reactivateUser({ ctx, input: { userId: confirmed } });
    await expect(completeRegistration({ ctx, input: registration(setPassword) })).rejects.toThrow(LINK_NO_LONGER_VALID);
    expect(shared).toBeTruthy();

    // A lock ends a link while it stands; a shareable one survives a personal e-mail change.
    const { id: third, invitationLink } = await invite("link");
    const token = tokenFrom(invitationLink!);
    await t.db.update(users).set({ personalEmail: "someone.else@example.org" }).where(eq(users.id, third));
    expect((await describeInvitation(ctx, token)).state).toBe("valid");
    await t.db.update(users).set({ lockedAt: new Date() }).where(eq(users.id, third));
    expect((await describeInvitation(ctx, token)).state).toBe("revoked");
    await t.db.update(users).set({ lockedAt: null }).where(eq(users.id, third));
    await completeRegistration({ ctx, input: registration(token) });
    expect((await t.db.select({ status: users.status }).from(users).where(eq(users.id, third)))[0].status).toBe("active");
  });

  it("by shareable link: returns the link, sends nothing", async () => {
    const { id, invitationLink } = await invite("link");
    expect(invitationLink).toMatch(/\/invite\//);
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);
    const { ctx } = clock();
    expect((await listInvitations(ctx, id))[0]).toMatchObject({ delivery: "link", state: "pending", emailStatus: null });
  });

  it("expires after the configured days", async () => {
    const { invitationLink } = await invite("link");
    const c = clock();
    c.advance(7 * 86_400_000 + 1000);
    expect((await describeInvitation(c.ctx, tokenFrom(invitationLink!))).state).toBe("expired");
    await expect(completeRegistration({ ctx: c.ctx, input: registration(tokenFrom(invitationLink!)) })).rejects.toThrow(LINK_NO_LONGER_VALID);
  });

  it("a new invitation revokes the previous one; revoking stops a link", async () => {
    const { id, invitationLink } = await invite("link");
    const { ctx } = clock();
    const second = await resendInvitation({ ctx, input: { userId: id, method: "link" } });
    expect((await describeInvitation(ctx, tokenFrom(invitationLink!))).state).toBe("revoked");
    expect((await describeInvitation(ctx, tokenFrom(second.link!))).state).toBe("valid");
    await revokeInvitation({ ctx, input: { tokenId: second.tokenId } });
    expect((await describeInvitation(ctx, tokenFrom(second.link!))).state).toBe("revoked");
    expect((await describeInvitation(ctx, "unknown-token-that-is-long-enough")).state).toBe("unknown");
  });

  it("revoking or replacing an invitation takes its unsent e-mail out of the outbox (a dead link never goes out); a sent one stays", async () => {
    const { id } = await invite("email");
    const { ctx } = clock();
    const [first] = await listInvitations(ctx, id);
    expect(first).toMatchObject({ state: "pending", emailStatus: "pending" });
    await resendInvitation({ ctx, input: { userId: id, method: "email" } });
    const listed = await listInvitations(ctx, id);
    const replaced = listed.find((r) => r.id === first.id)!;
    const second = listed.find((r) => r.id !== first.id)!;
    expect(replaced).toMatchObject({ state: "revoked", delivery: "email", sentTo: "ines.personal@example.org", emailStatus: null });
    expect(second).toMatchObject({ state: "pending", emailStatus: "pending" });
    await t.db.update(emailOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(emailOutbox.status, "pending")); // the second one went out
    await revokeInvitation({ ctx, input: { tokenId: second.id } });
    expect((await listInvitations(ctx, id)).find((r) => r.id === second.id)).toMatchObject({ state: "revoked", emailStatus: "sent" });
    expect(await t.db.select({ status: emailOutbox.status }).from(emailOutbox)).toEqual([{ status: "sent" }]);
    const third = await resendInvitation({ ctx, input: { userId: id, method: "email" } });
    await revokeInvitation({ ctx, input: { tokenId: third.tokenId } });
    expect(await t.db.select({ status: emailOutbox.status }).from(emailOutbox)).toEqual([{ status: "sent" }]);
  });

  it("refuses bad registrations: weak or different passwords, a bad phone, a birthday in the future", async () => {
    const { invitationLink } = await invite("link");
    const { ctx } = clock();
    const token = tokenFrom(invitationLink!);
    await expect(
      completeRegistration({ ctx, input: { ...registration(token), password: "password1234", confirmPassword: "password1235" } }),
    ).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/too weak/)], confirmPassword: ["The passwords do not match."] },
    });
    await expect(completeRegistration({ ctx, input: { ...registration(token), phone: "123", birthday: "2999-01-01" } })).rejects.toMatchObject({
      fieldErrors: { phone: [expect.any(String)], birthday: ["The birthday cannot be in the future."] },
    });
    expect((await describeInvitation(ctx, token)).state).toBe("valid");
  });

  it("requires users.create to resend or revoke, and a personal e-mail to invite by e-mail", async () => {
    const { id } = await invite("link");
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"]) }).ctx;
    await expect(resendInvitation({ ctx, input: { userId: id, method: "link" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(invite("email", { personalEmail: "" })).rejects.toMatchObject({ fieldErrors: { personalEmail: [expect.any(String)] } });
  });
});

describe("password reset", () => {
  it("answers the same whether or not the account exists, and sends a one-hour link only to a real one", async () => {
    const user = await insertUser(t.db, { email: "real@example.com", passwordChangedAt: new Date("2026-05-01T00:00:00Z") }); // before the test's clock
    const { ctx } = testCtx(t.db);
    expect(await requestPasswordReset({ ctx, input: { identifier: "ghost@example.com" } })).toEqual({ message: FORGOT_ANSWER });
    expect(await requestPasswordReset({ ctx, input: { identifier: "REAL@example.com" } })).toEqual({ message: FORGOT_ANSWER });
    const mail = await t.db.select().from(emailOutbox);
    expect(mail.map((m) => m.toAddress)).toEqual(["real@example.com"]);
    const token = tokenFrom(unseal<{ link: string }>(mail[0].props).link);

    // Not the current password again (as changing it from the account); the link still works after.
    await expect(resetPassword({ ctx, input: { token, password: PASSWORD, confirmPassword: PASSWORD } })).rejects.toMatchObject({
      fieldErrors: { password: ["Choose a password different from the current one."] },
    });
    await resetPassword({ ctx, input: { token, password: "saffron glacier radio", confirmPassword: "saffron glacier radio" } });
    expect(sessionRefusal(await findSessionUser(t.db, user.id), 1, new Date())).toBe("revoked");
    expect(await authenticate({ ctx, input: { identifier: user.username, password: "saffron glacier radio" } })).toMatchObject({ ok: true });
    expect(await authenticate({ ctx, input: { identifier: user.username, password: PASSWORD } })).toMatchObject({ ok: false });
    await expect(resetPassword({ ctx, input: { token, password: "another fine phrase", confirmPassword: "another fine phrase" } })).rejects.toThrow(
      RESET_LINK_NO_LONGER_VALID,
    );
    const events = (await t.db.select({ a: auditEvents.action, d: auditEvents.detail }).from(auditEvents)).map((e) => e.a);
    expect(events).toContain("user.password_changed");
  });

  it("a link ends once the password changes, the work e-mail moves, a lock is set after it, or the account is deactivated (reactivating brings none back)", async () => {
    const user = await insertUser(t.db, {
      email: "owner@example.com",
      firstName: "Marisol",
      lastName: "Quintero",
      passwordChangedAt: new Date("2026-05-01T00:00:00Z"),
    });
    const c = clock();
    const { ctx } = c;
    const newLink = async () => {
      c.advance(61 * 60 * 1000); // past the per-account throttle of the last hour
      await requestPasswordReset({ ctx, input: { identifier: user.username } });
      const [mail] = await t.db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(1);
      return tokenFrom(unseal<{ link: string }>(mail.props).link);
    };
    const phrase = { password: "saffron glacier radio", confirmPassword: "saffron glacier radio" };
    const refused = (token: string) => expect(resetPassword({ ctx, input: { token, ...phrase } })).rejects.toThrow(RESET_LINK_NO_LONGER_VALID);

    // The password changed after the link was sent (here as the account page does it).
    let token = await newLink();
    expect(await resetLinkUsable(ctx, token)).toBe(true);
    c.advance(1000);
    await changePassword({
      ctx: testCtx(t.db, { actor: { ...userActorWith([], user.id), username: user.username }, now: ctx.now }).ctx,
      input: { currentPassword: PASSWORD, password: "quiet amber trellis 42", confirmPassword: "quiet amber trellis 42" },
    });
    expect(await resetLinkUsable(ctx, token)).toBe(false);
    await refused(token);

    // The work e-mail moved (by whoever): the link went to a mailbox that is no longer theirs.
    token = await newLink();
    await t.db.update(users).set({ email: "owner.new@example.com" }).where(eq(users.id, user.id));
    expect(await resetLinkUsable(ctx, token)).toBe(false);
    await refused(token);
    await t.db.update(users).set({ email: "owner@example.com" }).where(eq(users.id, user.id));

    // Locked after it was sent (reported, say): refused. A link an administrator sends to a locked
    // user works, and the page then says the lock stays.
    token = await newLink();
    c.advance(1000);
    await t.db.update(users).set({ lockedAt: ctx.now(), lockReason: "reported" }).where(eq(users.id, user.id));
    await refused(token);
    c.advance(1000);
    await sendPasswordReset({ ctx, input: { userId: user.id } });
    const [mail] = await t.db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(1);
    expect(await resetPassword({ ctx, input: { token: tokenFrom(unseal<{ link: string }>(mail.props).link), ...phrase } })).toMatchObject({ locked: true });
    await t.db.update(users).set({ lockedAt: null, lockReason: null }).where(eq(users.id, user.id));

    // Deactivated, then reactivated: the link stays dead.
    token = await newLink();
    await deactivateUser({ ctx, input: { userId: user.id } });
    await reactivateUser({ ctx, input: { userId: user.id } });
    await refused(token);

    // A link that holds still refuses a password made of the user's own names.
    token = await newLink();
    await expect(
      resetPassword({ ctx, input: { token, password: "Marisol amber quiet trellis", confirmPassword: "Marisol amber quiet trellis" } }),
    ).rejects.toMatchObject({
      fieldErrors: { password: ["Leave the name, username and e-mail address of the account out of the password."] },
    });
    expect(await resetPassword({ ctx, input: { token, password: "velvet harbor compass", confirmPassword: "velvet harbor compass" } })).toMatchObject({
      locked: false,
    });
  });

  it("throttles per account: the 4th request in an hour sends nothing, with the same answer", async () => {
    await insertUser(t.db, { email: "busy@example.com" });
    const { ctx } = testCtx(t.db, { ip: null });
    for (let i = 0; i < 4; i++) expect(await requestPasswordReset({ ctx, input: { identifier: "busy@example.com" } })).toEqual({ message: FORGOT_ANSWER });
    expect(await t.db.select().from(invitationTokens).where(eq(invitationTokens.purpose, "reset_password"))).toHaveLength(3);
    // Each link replaced the one before, whose e-mail had not gone out yet: only the newest is sent.
    expect(await t.db.select().from(emailOutbox)).toHaveLength(1);
  });

  it("refuses an expired link", async () => {
    await insertUser(t.db, { email: "late@example.com" });
    const c = testCtx(t.db);
    await requestPasswordReset({ ctx: c.ctx, input: { identifier: "late@example.com" } });
    const [mail] = await t.db.select().from(emailOutbox);
    c.advance(61 * 60 * 1000);
    await expect(
      resetPassword({
        ctx: c.ctx,
        input: { token: tokenFrom(unseal<{ link: string }>(mail.props).link), password: "saffron glacier radio", confirmPassword: "saffron glacier radio" },
      }),
    ).rejects.toThrow(RESET_LINK_NO_LONGER_VALID);
  });
});
