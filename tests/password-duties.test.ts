/**
 * Password duties an administrator has on the user page: a reset link by e-mail for an Active user,
 * and "require a new password at next sign-in" — each with the console's rank rules, an audit
 * event in the same transaction, and (for the link) an e-mail through the outbox.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, invitationTokens, users } from "@/db/schema";
import { makeCtx } from "@/lib/context";
import { requireNewPassword, sendPasswordReset } from "@/lib/security/password-duties";
import { passwordAge } from "@/lib/auth/session-rules";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser } from "./support/factories";

const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
const asAdmin = () => makeCtx(t.db, { actor: actorWith("all", admin.id) });

beforeEach(async () => {
  await resetData(t.db);
  admin = await insertUser(t.db, { roleKey: "administrator" });
});

describe("password duties", () => {
  it("e-mails an Active user a single-use reset link and records it; not for a Pending user", async () => {
    const user = await insertUser(t.db, { email: "rita@example.com" });
    expect(await sendPasswordReset({ ctx: asAdmin(), input: { userId: user.id } })).toMatchObject({ sentTo: "rita@example.com" });
    const [token] = await t.db.select().from(invitationTokens).where(eq(invitationTokens.userId, user.id));
    expect(token).toMatchObject({ purpose: "reset_password", issuedById: admin.id, sentTo: "rita@example.com" });
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBeLessThanOrEqual(3_600_000 + 1000);
    const [mail] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, token.emailId!));
    expect(mail.toAddress).toBe("rita@example.com");
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.password_reset_sent"))).toHaveLength(1);
    const pending = await insertUser(t.db, { status: "pending" });
    await expect(sendPasswordReset({ ctx: asAdmin(), input: { userId: pending.id } })).rejects.toMatchObject({ code: "precondition_failed" });
  });

  it("requires a new password at next sign-in, by someone who outranks the user, never oneself", async () => {
    const user = await insertUser(t.db);
    expect(await requireNewPassword({ ctx: asAdmin(), input: { userId: user.id } })).toEqual({ id: user.id, changed: true });
    expect((await t.db.select({ subject: emailOutbox.subject }).from(emailOutbox)).map((m) => m.subject)).toEqual(["Choose a new Rollcall password"]);
    const [row] = await t.db.select({ must: users.mustChangePassword, changedAt: users.passwordChangedAt }).from(users).where(eq(users.id, user.id));
    expect(passwordAge({ mustChangePassword: row.must, passwordChangedAt: row.changedAt }, 120, new Date()).mustChange).toBe(true);
    expect(await requireNewPassword({ ctx: asAdmin(), input: { userId: user.id } })).toEqual({ id: user.id, changed: false });
    await expect(requireNewPassword({ ctx: asAdmin(), input: { userId: admin.id } })).rejects.toMatchObject({ code: "precondition_failed" });
    const manager = await insertUser(t.db, { roleKey: "basic" });
    await expect(
      requireNewPassword({ ctx: makeCtx(t.db, { actor: actorWith(["users.update"], manager.id) }), input: { userId: admin.id } }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(sendPasswordReset({ ctx: makeCtx(t.db, { actor: actorWith(["users.view"], manager.id) }), input: { userId: user.id } })).rejects.toMatchObject(
      {
        code: "forbidden",
      },
    );
  });
});
