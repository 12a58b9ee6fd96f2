import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, roles, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { setupNeeded } from "@/lib/setup/setup-needed";
import { completeSetup, createAdministrator } from "@/lib/users/create-administrator";
import { resetData, testDatabase } from "./support/db";
import { actorWith, testCtx } from "./support/factories";

const t = testDatabase();
const valid = {
  firstName: "Ada",
  lastName: "Lovelace",
  username: "ada",
  email: "Ada@Example.com",
  password: "analytical engine punch cards",
  confirmPassword: "analytical engine punch cards",
};

beforeEach(() => resetData(t.db));

describe("completeSetup", () => {
  it("creates the first Administrator, active, allowed in the console, with a bcrypt hash and an audit event", async () => {
    const { ctx } = testCtx(t.db);
    expect(await setupNeeded(ctx)).toBe(true);
    const created = await completeSetup({ ctx, input: valid });
    const [row] = await t.db
      .select({ status: users.status, email: users.email, hash: users.passwordHash, console: users.adminConsoleAccess, role: roles.key })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(eq(users.id, created.id));
    expect(row).toMatchObject({ status: "active", email: "ada@example.com", console: true, role: "administrator" });
    expect(row.hash).toMatch(/^\$2b\$12\$/);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "setup.completed"));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: created.id, targetId: created.id, ip: "203.0.113.7" });
    expect(await setupNeeded(ctx)).toBe(false);
  });

  it("is refused once an Administrator exists", async () => {
    const { ctx } = testCtx(t.db);
    await completeSetup({ ctx, input: valid });
    await expect(completeSetup({ ctx, input: { ...valid, username: "eve", email: "eve@example.com" } })).rejects.toMatchObject({
      code: "conflict",
    });
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(n).toBe(1);
  });

  it("stays closed once anyone exists, even when nobody holds the Administrator role any more", async () => {
    const { ctx } = testCtx(t.db);
    // The only Administrator, locked, was demoted (allowed: a locked one is not the last active one).
    const ada = await completeSetup({ ctx, input: valid });
    await t.db
      .update(users)
      .set({ roleId: sql`(select id from roles where key = 'basic')` })
      .where(eq(users.id, ada.id));
    expect(await setupNeeded(ctx)).toBe(false);
    await expect(completeSetup({ ctx, input: { ...valid, username: "eve", email: "eve@example.com" } })).rejects.toMatchObject({ code: "conflict" });
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(n).toBe(1);
  });

  it("lets exactly one of two simultaneous setups win", async () => {
    const { ctx } = testCtx(t.db);
    const results = await Promise.allSettled([
      completeSetup({ ctx, input: valid }),
      completeSetup({ ctx, input: { ...valid, username: "grace", email: "grace@example.com" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(n).toBe(1);
  });

  it("says which field is wrong and why, and writes nothing", async () => {
    const { ctx } = testCtx(t.db);
    const error = await completeSetup({
      ctx,
      input: { firstName: "", lastName: "L", username: "a b", email: "not-an-email", password: "short", confirmPassword: "other" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const fields = (error as DomainError).fieldErrors!;
    expect(fields.firstName[0]).toMatch(/first name/);
    expect(fields.username[0]).toBe("Use only unaccented letters (a–z), digits, dots, dashes and underscores.");
    expect(fields.email[0]).toMatch(/valid e-mail/);
    expect(fields.password[0]).toMatch(/at least 12/);
    expect(fields.confirmPassword[0]).toMatch(/do not match/);
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(n).toBe(0);
    expect(await t.db.select().from(auditEvents)).toHaveLength(0);
  });

  it("asks for what was left empty, rather than say what is too short or does not match", async () => {
    const { ctx } = testCtx(t.db);
    const error = await completeSetup({
      ctx,
      input: { firstName: "Ada", lastName: "L", username: " ", email: "ada@example.com", password: "quartz lantern orbit meadow", confirmPassword: "" },
    }).catch((e: unknown) => e);
    expect((error as DomainError).fieldErrors).toEqual({ username: ["Enter a username."], confirmPassword: ["Repeat the password."] });
  });

  it("refuses a password over 72 bytes rather than truncating it", async () => {
    const { ctx } = testCtx(t.db);
    const long = "correct horse battery staple ".repeat(3); // 87 bytes
    await expect(completeSetup({ ctx, input: { ...valid, password: long, confirmPassword: long } })).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/at most 72 bytes/)] },
    });
  });
});

describe("createAdministrator (command line)", () => {
  it("refuses an existing username or e-mail, whatever the case", async () => {
    const { ctx } = testCtx(t.db, { actor: actorWith("all") });
    await createAdministrator({ ctx, input: valid });
    const error = (await createAdministrator({
      ctx,
      input: { ...valid, username: "ADA", email: "ADA@example.COM" },
    }).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors).toMatchObject({
      username: ["This username is already taken."],
      email: ["A user with this e-mail address already exists."],
    });
  });

  it("records who ran it in the audit trail", async () => {
    const { ctx } = testCtx(t.db, { actor: actorWith("all") });
    const created = await createAdministrator({ ctx, input: valid });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, created.id));
    expect(event).toMatchObject({ action: "user.created", detail: { via: "cli", role: "administrator" } });
  });
});

describe("createAdministrator refuses every actor but the command line", () => {
  it("refuses a signed-in administrator", async () => {
    const { ctx } = testCtx(t.db, { actor: actorWith("all", "00000000-0000-4000-8000-000000000009") });
    await expect(createAdministrator({ ctx, input: valid })).rejects.toMatchObject({ code: "forbidden" });
  });
});
