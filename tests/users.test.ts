import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, branches, clients, emailOutbox, teams, userPermissions, users } from "@/db/schema";
import { unseal } from "@/lib/email/seal";
import type { Actor } from "@/lib/context";
import { DomainError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { getUser } from "@/lib/users/get-user";
import { pageUsers } from "@/lib/users/user-records";
import { listUsers, listUsersCountLater, ListUsersInput, pageCondition, selectUserRows, userListOrder } from "@/lib/users/list-users";
import { PgDialect } from "drizzle-orm/pg-core";
import { confirmUser } from "@/lib/users/confirm-user";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { reactivateUser } from "@/lib/users/reactivate-user";
import { updateUser } from "@/lib/users/update-user";
import { resetData, testDatabase } from "./support/db";
import { actorWith, userActorWith, insertUser, roleId, testCtx } from "./support/factories";

const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
let adminActor: Actor;

beforeEach(async () => {
  await resetData(t.db);
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Root", lastName: "Admin" });
  adminActor = { ...userActorWith("all", admin.id), name: "Root Admin", username: admin.username };
});

const asAdmin = () => testCtx(t.db, { actor: adminActor }).ctx;

async function baseInput(overrides: Record<string, unknown> = {}) {
  return {
    firstName: "María",
    lastName: "González",
    username: "mgonzalez",
    email: "maria@example.com",
    phone: "+507 6123-4567",
    country: "PA",
    language: "es",
    roleId: await roleId(t.db, "basic"),
    access: "password",
    password: "purple giraffe eats midnight toast",
    confirmPassword: "purple giraffe eats midnight toast",
    adminConsoleAccess: "on",
    status: "active",
    ...overrides,
  };
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).fieldErrors ?? {};
}

const userCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(users))[0].n;

describe("createUser", () => {
  it("e-mails a user created Active with a password their username and a sign-in link, never the password", async () => {
    const { id } = await createUser({ ctx: asAdmin(), input: await baseInput() });
    const mails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "maria@example.com"));
    expect(mails).toHaveLength(1);
    const props = unseal<{ kind: string; lang: string; detail: string; link: string }>(mails[0].props);
    expect(props).toMatchObject({ kind: "account_created", lang: "es", link: "http://rollcall.test/login" });
    expect(props.detail).toMatch(/^Tu usuario es mgonzalez\./);
    expect(JSON.stringify(mails[0])).not.toContain("purple giraffe");
    // Inactive, or invited (the invitation is the e-mail): no such message.
    await createUser({ ctx: asAdmin(), input: await baseInput({ username: "off", email: "off@example.com", status: "inactive" }) });
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "off@example.com"))).toHaveLength(0);
    expect(id).toBeTruthy();
  });

  it("creates an active user with every field, the phone in E.164, and an audit event", async () => {
    const [branch] = await t.db.insert(branches).values({ name: "Panamá Centro" }).returning();
    const [team] = await t.db.insert(teams).values({ name: "Sales" }).returning();
    const { id } = await createUser({
      ctx: asAdmin(),
      input: await baseInput({
        personalEmail: "maria.personal@example.org",
        gender: "female",
        birthday: "1990-04-12",
        position: "Seller",
        branchId: branch.id,
        teamId: team.id,
        accountExpiresOn: "2027-12-31",
        sendEndOfDayReport: "on",
        notifyInvoice: "on",
      }),
    });
    const user = await getUser({ ctx: asAdmin(), input: { userId: id } });
    expect(user).toMatchObject({
      firstName: "María",
      phone: "+50761234567",
      country: "PA",
      language: "es",
      gender: "female",
      birthday: "1990-04-12",
      branch: "Panamá Centro",
      team: "Sales",
      role: "Basic",
      status: "active",
      accountExpiresOn: "2027-12-31",
      adminConsoleAccess: true,
      sendEndOfDayReport: true,
      notifyInvoice: true,
      notifyDomain: false,
      hasPassword: true,
    });
    expect(user).not.toHaveProperty("passwordHash");
    expect(user.recentEvents.map((e) => e.action)).toEqual(["user.created"]);
  });

  it("creates a Pending user without password when an invitation is chosen, recording the method", async () => {
    const { id } = await createUser({
      ctx: asAdmin(),
      input: await baseInput({ access: "invite", inviteMethod: "link", password: "", confirmPassword: "" }),
    });
    const [row] = await t.db.select({ status: users.status, hash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(row).toEqual({ status: "pending", hash: null });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(event.detail).toMatchObject({ access: "invite", inviteMethod: "link" });
  });

  it("reports every bad field at once and writes nothing", async () => {
    const fields = await fieldErrorsOf(
      createUser({
        ctx: asAdmin(),
        input: await baseInput({
          firstName: "",
          email: "nope",
          phone: "+507 123",
          birthday: "2999-01-01",
          accountExpiresOn: "2000-01-01",
          password: "purple giraffe eats midnight toast",
          confirmPassword: "purple giraffe eats midnight toasts",
        }),
      }),
    );
    // The phone and the dates are checked even while other fields are wrong: the form shows every problem at once.
    expect(Object.keys(fields).sort()).toEqual(["accountExpiresOn", "birthday", "confirmPassword", "email", "firstName", "phone"]);
    expect(fields.birthday[0]).toMatch(/future/);
    const later = await fieldErrorsOf(
      createUser({ ctx: asAdmin(), input: await baseInput({ phone: "+507 123", birthday: "2999-01-01", accountExpiresOn: "2000-01-01" }) }),
    );
    expect(later.phone[0]).toMatch(/valid phone number for Panama,/); // the country by its name, not its code
    expect(later.birthday[0]).toMatch(/future/);
    expect(later.accountExpiresOn[0]).toMatch(/after today/);
    expect(await userCount()).toBe(1);
  });

  it("says an e-mail or username is taken together with the other fields' problems, and not of the user's own on an edit", async () => {
    await createUser({ ctx: asAdmin(), input: await baseInput() });
    const fields = await fieldErrorsOf(
      createUser({ ctx: asAdmin(), input: await baseInput({ firstName: "x".repeat(10_000), username: "Mgonzalez", email: "other@example.com" }) }),
    );
    expect(Object.keys(fields).sort()).toEqual(["firstName", "username"]);
    expect(fields.username).toEqual(["This username is already taken."]);
    const both = await fieldErrorsOf(createUser({ ctx: asAdmin(), input: await baseInput({ username: "bad user!", email: "maria@example.com" }) }));
    expect(both.email).toEqual(["A user with this e-mail address already exists."]);
    expect(both.username).not.toEqual(["This username is already taken."]); // its own problem, not the e-mail's owner
    expect(await userCount()).toBe(2);

    const [user] = await t.db.select({ id: users.id, version: users.version }).from(users).where(eq(users.username, "mgonzalez"));
    const own = await fieldErrorsOf(
      updateUser({ ctx: asAdmin(), input: { ...(await baseInput({ firstName: "" })), userId: user.id, expectedVersion: user.version } }),
    );
    expect(Object.keys(own)).toEqual(["firstName"]);
  });

  it("refuses a phone number with an extension rather than dropping the extension", async () => {
    const fields = await fieldErrorsOf(createUser({ ctx: asAdmin(), input: await baseInput({ phone: "+507 6123 4567 ext. 12" }) }));
    expect(fields).toEqual({ phone: ["Leave out the extension: a phone number is stored without one."] });
    expect(await userCount()).toBe(1);
  });

  it("refuses a duplicate username or e-mail whatever the case", async () => {
    await createUser({ ctx: asAdmin(), input: await baseInput() });
    const fields = await fieldErrorsOf(createUser({ ctx: asAdmin(), input: await baseInput({ username: "MGONZALEZ", email: "MARIA@example.com" }) }));
    expect(fields).toEqual({ username: ["This username is already taken."], email: ["A user with this e-mail address already exists."] });
  });

  it("refuses a weak password and one over 72 bytes", async () => {
    const weak = await fieldErrorsOf(createUser({ ctx: asAdmin(), input: await baseInput({ password: "password1234", confirmPassword: "password1234" }) }));
    expect(weak.password[0]).toMatch(/too weak/);
    const long = "ñ".repeat(40);
    const tooLong = await fieldErrorsOf(createUser({ ctx: asAdmin(), input: await baseInput({ password: long, confirmPassword: long }) }));
    expect(tooLong.password[0]).toMatch(/72 bytes/);
  });

  it("refuses a caller without users.create", async () => {
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"], admin.id) }).ctx;
    await expect(createUser({ ctx, input: await baseInput() })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses to give a role whose permissions the caller does not hold", async () => {
    const ctx = testCtx(t.db, { actor: actorWith(["users.create", "users.view"], admin.id) }).ctx;
    await expect(createUser({ ctx, input: await baseInput({ roleId: await roleId(t.db, "administrator") }) })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await userCount()).toBe(1);
  });

  it("copies the role and per-user grants and denials of an existing user", async () => {
    const source = await insertUser(t.db, { roleKey: "purchasing_intermediate" });
    await t.db.insert(userPermissions).values([
      { userId: source.id, permission: "reports", effect: "grant" },
      { userId: source.id, permission: "orders", effect: "deny" },
    ]);
    const { id } = await createUser({ ctx: asAdmin(), input: await baseInput({ copyPermissionsFrom: source.id }) });
    const user = await getUser({ ctx: asAdmin(), input: { userId: id } });
    expect(user.role).toBe("Purchasing Intermediate");
    const copied = await t.db.select({ p: userPermissions.permission, e: userPermissions.effect }).from(userPermissions).where(eq(userPermissions.userId, id));
    expect(copied.sort((a, b) => a.p.localeCompare(b.p))).toEqual([
      { p: "orders", e: "deny" },
      { p: "reports", e: "grant" },
    ]);
    // Setting per-user permissions is "Edit permissions": without it, copying them is refused.
    const hr = testCtx(t.db, {
      actor: actorWith(["users.view", "users.create", "users.update", "purchasing", "inventory", "orders", "products", "reports"]),
    }).ctx;
    await expect(
      createUser({ ctx: hr, input: await baseInput({ copyPermissionsFrom: source.id, username: "copy.cat", email: "copy.cat@example.com" }) }),
    ).rejects.toMatchObject({
      fieldErrors: { copyPermissionsFrom: ["This user has per-user permissions: copying them needs the Edit permissions permission."] },
    });
  });
});

describe("updateUser", () => {
  async function created() {
    const { id } = await createUser({ ctx: asAdmin(), input: await baseInput() });
    return getUser({ ctx: asAdmin(), input: { userId: id } });
  }

  it("saves the changes, bumps the version and records what changed", async () => {
    const user = await created();
    const result = await updateUser({
      ctx: asAdmin(),
      input: { ...(await baseInput()), userId: user.id, expectedVersion: user.version, position: "Team lead", phone: "6123 9999" },
    });
    expect(result).toMatchObject({ changed: true, version: user.version + 1 });
    const after = await getUser({ ctx: asAdmin(), input: { userId: user.id } });
    expect(after.position).toBe("Team lead");
    expect(after.phone).toBe("+50761239999"); // no country code: the user's country (PA) is used
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.updated"));
    expect(event.detail).toEqual({ changes: { position: [null, "Team lead"], phone: ["+50761234567", "+50761239999"] } });
  });

  it("keeps a phone number on record that today's check refuses, when it is sent back unchanged", async () => {
    // Imported before the check, or since renumbered: "+57 334…" is not a valid Colombian number.
    const user = await created();
    await t.db.update(users).set({ phone: "+573345016839", country: "CO" }).where(eq(users.id, user.id));
    const stale = await getUser({ ctx: asAdmin(), input: { userId: user.id } });
    const base = { ...(await baseInput()), userId: user.id, expectedVersion: stale.version, country: "CO" };
    // As the edit form sends it back: formatted for display.
    await updateUser({ ctx: asAdmin(), input: { ...base, phone: "+57 334 5016839", position: "Team lead" } });
    const after = await getUser({ ctx: asAdmin(), input: { userId: user.id } });
    expect(after).toMatchObject({ position: "Team lead", phone: "+573345016839" });
    // Changed, it is checked like any other.
    const fields = await fieldErrorsOf(updateUser({ ctx: asAdmin(), input: { ...base, expectedVersion: after.version, phone: "+57 334 5016840" } }));
    expect(fields.phone[0]).toMatch(/valid phone number for Colombia/);
  });

  it("refuses a save over a newer version, naming who saved and when", async () => {
    const user = await created();
    const other = await insertUser(t.db, { roleKey: "administrator", firstName: "Grace", lastName: "Hopper" });
    const otherCtx = testCtx(t.db, { actor: { ...userActorWith("all", other.id), name: "Grace Hopper" } }).ctx;
    await updateUser({ ctx: otherCtx, input: { ...(await baseInput()), userId: user.id, expectedVersion: user.version, position: "A" } });
    const error = await updateUser({
      ctx: asAdmin(),
      input: { ...(await baseInput()), userId: user.id, expectedVersion: user.version, position: "B" },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "precondition_failed", status: 412 });
    expect((error as Error).message).toMatch(/^This user was changed by Grace Hopper at .+ UTC — reload to see their changes\.$/);
    expect((await getUser({ ctx: asAdmin(), input: { userId: user.id } })).position).toBe("A");
  });

  it("lets exactly one of two simultaneous saves of the same version win", async () => {
    const user = await created();
    const input = { ...(await baseInput()), userId: user.id, expectedVersion: user.version };
    const results = await Promise.allSettled([
      updateUser({ ctx: asAdmin(), input: { ...input, position: "One" } }),
      updateUser({ ctx: asAdmin(), input: { ...input, position: "Two" } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("refuses to edit someone who holds more permissions, and to change one's own role", async () => {
    const limited = await insertUser(t.db, { roleKey: "basic" });
    const ctx = testCtx(t.db, { actor: actorWith(["users.update", "users.view"], limited.id) }).ctx;
    await expect(
      updateUser({
        ctx,
        input: {
          ...(await baseInput({ username: admin.username, email: admin.email })),
          userId: admin.id,
          expectedVersion: 1,
          roleId: await roleId(t.db, "administrator"),
        },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateUser({ ctx: asAdmin(), input: { ...(await baseInput({ username: admin.username, email: admin.email })), userId: admin.id, expectedVersion: 1 } }),
    ).rejects.toThrow("You cannot change your own role.");
  });

  it("refuses to remove or postpone one's own expiration date, which an administrator set; bringing it forward is one's own to do", async () => {
    const helper = await insertUser(t.db, { roleKey: "basic", accountExpiresOn: "2027-01-20" });
    const ctx = testCtx(t.db, { actor: actorWith(["users.update", "users.view"], helper.id) }).ctx;
    const input = { ...(await baseInput({ username: helper.username, email: helper.email })), userId: helper.id, expectedVersion: helper.version };
    for (const accountExpiresOn of ["", "2099-01-01", "2027-01-21"])
      await expect(updateUser({ ctx, input: { ...input, accountExpiresOn } }), accountExpiresOn).rejects.toMatchObject({
        code: "forbidden",
        message: "You cannot remove or postpone your own expiration date.",
      });
    // The date sent back as it stands: the rest is saved; an earlier one too.
    await updateUser({ ctx, input: { ...input, accountExpiresOn: "2027-01-20", position: "Helpdesk" } });
    expect(await getUser({ ctx: asAdmin(), input: { userId: helper.id } })).toMatchObject({ accountExpiresOn: "2027-01-20", position: "Helpdesk" });
    await updateUser({ ctx, input: { ...input, expectedVersion: helper.version + 1, accountExpiresOn: "2027-01-10", position: "Helpdesk" } });
    expect(await getUser({ ctx: asAdmin(), input: { userId: helper.id } })).toMatchObject({ accountExpiresOn: "2027-01-10" });
  });

  it("changes a role only with users.permissions: users.update edits everything else", async () => {
    const user = await created();
    const editor = await insertUser(t.db, { roleKey: "administrator" });
    const ctx = testCtx(t.db, { actor: actorWith(["users.update", "users.view", "api.access"], editor.id) }).ctx;
    const input = { ...(await baseInput()), userId: user.id, expectedVersion: user.version };
    await expect(updateUser({ ctx, input: { ...input, roleId: await roleId(t.db, "api_basic") } })).rejects.toMatchObject({
      code: "forbidden",
      message: "Changing a user's role needs the permission Edit permissions.",
    });
    expect((await getUser({ ctx: asAdmin(), input: { userId: user.id } })).roleId).toBe(await roleId(t.db, "basic"));
    await updateUser({ ctx, input: { ...input, position: "Cashier" } }); // the same role: saved
    expect(await getUser({ ctx: asAdmin(), input: { userId: user.id } })).toMatchObject({ position: "Cashier", roleId: await roleId(t.db, "basic") });
  });

  it("refuses to demote the last active Administrator", async () => {
    const other = await insertUser(t.db, { roleKey: "administrator" });
    const ctx = testCtx(t.db, { actor: actorWith("all", other.id) }).ctx;
    await t.db.update(users).set({ status: "inactive" }).where(eq(users.id, other.id));
    await expect(
      updateUser({ ctx, input: { ...(await baseInput({ username: admin.username, email: admin.email })), userId: admin.id, expectedVersion: 1 } }),
    ).rejects.toThrow(/last active Administrator/);
  });

  it("refuses a caller without users.update", async () => {
    const user = await created();
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"], admin.id) }).ctx;
    await expect(updateUser({ ctx, input: { ...(await baseInput()), userId: user.id, expectedVersion: user.version } })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("deactivate, reactivate, confirm", () => {
  it("deactivates (ending sessions) and reactivates, with audit events", async () => {
    const user = await insertUser(t.db);
    await deactivateUser({ ctx: asAdmin(), input: { userId: user.id } });
    let [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.status).toBe("inactive");
    expect(row.sessionVersion).toBe(2);
    await reactivateUser({ ctx: asAdmin(), input: { userId: user.id } });
    [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.status).toBe("active");
    const actions = (await t.db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, user.id))).map((e) => e.a);
    expect(actions).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("confirms a pending user", async () => {
    const user = await insertUser(t.db, { status: "pending", passwordHash: null, registeredAt: null });
    await confirmUser({ ctx: asAdmin(), input: { userId: user.id } });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.status).toBe("active");
    expect(row.confirmedAt).not.toBeNull();
    // Confirming someone who is not pending: an Inactive user is refused with the way out, an Active one is left as is.
    const inactive = await insertUser(t.db, { status: "inactive", firstName: "Ina", lastName: "Activa" });
    await expect(confirmUser({ ctx: asAdmin(), input: { userId: inactive.id } })).rejects.toMatchObject({
      code: "precondition_failed",
      message: "Ina Activa is inactive, not pending: use Reactivate user.",
    });
    expect(await confirmUser({ ctx: asAdmin(), input: { userId: user.id } })).toEqual({ id: user.id, changed: false });
    const [after] = await t.db.select().from(users).where(eq(users.id, inactive.id));
    expect(after).toMatchObject({ status: "inactive", version: inactive.version, confirmedAt: null });
    const trail = await t.db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.action, "user.confirmed"));
    expect(trail).toHaveLength(1);
  });

  it("refuses to deactivate oneself, the last active Administrator, or someone who outranks the caller", async () => {
    await expect(deactivateUser({ ctx: asAdmin(), input: { userId: admin.id } })).rejects.toThrow("You cannot deactivate yourself.");
    const helper = await insertUser(t.db, { roleKey: "api_administrator" });
    const helperCtx = testCtx(t.db, {
      actor: actorWith(["users.update", "users.view", "users.create", "api.access", "api.admin", "audit.view"], helper.id),
    }).ctx;
    await expect(deactivateUser({ ctx: helperCtx, input: { userId: admin.id } })).rejects.toMatchObject({ code: "forbidden" });
    const second = await insertUser(t.db, { roleKey: "administrator" });
    const secondCtx = testCtx(t.db, { actor: actorWith("all", second.id) }).ctx;
    await deactivateUser({ ctx: secondCtx, input: { userId: admin.id } });
    await expect(deactivateUser({ ctx: asAdmin(), input: { userId: second.id } })).rejects.toThrow(/last active Administrator/);
  });

  it("lets only one of two administrators deactivating each other at once succeed", async () => {
    const second = await insertUser(t.db, { roleKey: "administrator" });
    const secondCtx = testCtx(t.db, { actor: actorWith("all", second.id) }).ctx;
    const results = await Promise.allSettled([
      deactivateUser({ ctx: asAdmin(), input: { userId: second.id } }),
      deactivateUser({ ctx: secondCtx, input: { userId: admin.id } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [{ n }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.status, "active"));
    expect(n).toBe(1);
  });

  it("refuses a caller without users.update", async () => {
    const user = await insertUser(t.db);
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"], admin.id) }).ctx;
    for (const verb of [deactivateUser, reactivateUser, confirmUser]) {
      await expect(verb({ ctx, input: { userId: user.id } })).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});

describe("deleteUser", () => {
  it("deletes, keeping the name and id in the audit trail", async () => {
    const user = await insertUser(t.db, { firstName: "Gone", lastName: "Soon" });
    await deleteUser({ ctx: asAdmin(), input: { userId: user.id } });
    expect(await t.db.select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.deleted"));
    expect(event).toMatchObject({ targetId: user.id, targetName: "Gone Soon", detail: { username: user.username } });
  });

  it("refuses while the user has clients, and reassigns them to an active user in the same step", async () => {
    const owner = await insertUser(t.db);
    const heir = await insertUser(t.db);
    await t.db.insert(clients).values([
      { name: "Acme", ownerId: owner.id },
      { name: "Globex", ownerId: owner.id },
    ]);
    await expect(deleteUser({ ctx: asAdmin(), input: { userId: owner.id } })).rejects.toThrow(/still has 2 assigned clients/);
    const inactive = await insertUser(t.db, { status: "inactive" });
    expect(await fieldErrorsOf(deleteUser({ ctx: asAdmin(), input: { userId: owner.id, reassignClientsTo: inactive.id } }))).toHaveProperty(
      "reassignClientsTo",
    );
    await deleteUser({ ctx: asAdmin(), input: { userId: owner.id, reassignClientsTo: heir.id } });
    const moved = await t.db.select({ owner: clients.ownerId }).from(clients);
    expect(moved.every((c) => c.owner === heir.id)).toBe(true);
  });

  it("refuses to delete oneself or the last active Administrator, and callers without users.delete", async () => {
    await expect(deleteUser({ ctx: asAdmin(), input: { userId: admin.id } })).rejects.toThrow("You cannot delete yourself.");
    const other = await insertUser(t.db, { roleKey: "administrator" });
    await t.db.update(users).set({ status: "inactive" }).where(eq(users.id, other.id));
    await expect(deleteUser({ ctx: testCtx(t.db, { actor: actorWith("all", other.id) }).ctx, input: { userId: admin.id } })).rejects.toThrow(
      /last active Administrator/,
    );
    const ctx = testCtx(t.db, { actor: actorWith(["users.update", "users.view"], admin.id) }).ctx;
    await expect(deleteUser({ ctx, input: { userId: other.id } })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("listUsers", () => {
  beforeEach(async () => {
    await insertUser(t.db, { firstName: "José", lastName: "Núñez", username: "jnunez", email: "jose@example.com", phone: "+50761234567" });
    await insertUser(t.db, { firstName: "Ana", lastName: "Pérez", username: "aperez", email: "ana@example.com", phone: "+34699887766", status: "inactive" });
    await insertUser(t.db, {
      firstName: "Zoe",
      lastName: "Adams",
      username: "zadams",
      email: "zoe@example.com",
      lockedAt: new Date(),
      lockReason: "failed_logins",
    });
  });
  const names = async (input: Record<string, unknown>) => (await listUsers({ ctx: asAdmin(), input })).rows.map((r) => r.lastName);

  it("matches any part of name, username, e-mail and phone, ignoring case and accents", async () => {
    expect(await names({ q: "nunez" })).toEqual(["Núñez"]);
    expect(await names({ q: "NÚÑ" })).toEqual(["Núñez"]);
    expect(await names({ q: "jose núñez" })).toEqual(["Núñez"]);
    expect(await names({ q: "ana@exa" })).toEqual(["Pérez"]);
    expect(await names({ q: "perez" })).toEqual(["Pérez"]);
    // A cell pasted from a spreadsheet brings a tab or a line break: a space between words; a parameter given twice: the first.
    expect(await names({ q: "jose\tnúñez\r\n" })).toEqual(["Núñez"]);
    expect(await names({ q: ["nunez", "perez"] })).toEqual(["Núñez"]);
    await expect(names({ q: "nu\u0000nez" })).rejects.toMatchObject({ code: "validation" });
  });

  it("matches a phone typed with or without spaces, dashes or country code", async () => {
    for (const q of ["6123-4567", "6123 4567", "+507 6123 4567", "61234567", "(507) 6123-4567"]) expect(await names({ q }), q).toEqual(["Núñez"]);
  });

  it("filters by status (Locked included), sorts, paginates and survives malformed parameters", async () => {
    expect(await names({ status: "inactive" })).toEqual(["Pérez"]);
    expect(await names({ status: "locked" })).toEqual(["Adams"]);
    // An unknown status is ignored rather than failing the page.
    expect(await names({ sort: "name", dir: "desc", status: "bogus" })).toEqual(await names({ sort: "name", dir: "desc" }));
    expect((await names({ sort: "name", dir: "desc" }))[0]).toBe("Pérez");
    // The direction reaches the ORDER BY only as one of two fixed words: anything else reads as asc
    // at the boundary, and the order builder refuses it even past the boundary.
    expect(await names({ sort: "name", dir: "desc; drop table users --" })).toEqual(await names({ sort: "name" }));
    expect(() => userListOrder({ sort: "name", dir: "desc; drop table users --" as never })).toThrow("listOrder: unknown direction");
    const page = await listUsers({ ctx: asAdmin(), input: { pageSize: "10", page: "2" } });
    expect(page.rows).toHaveLength(0);
    expect(page.total).toEqual({ value: 4, kind: "exact" });
    const sorted = await names({ sort: "name" });
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, "en")));
    // A branch or team that is gone (an old link) is refused by name, for the page to drop and say so.
    const gone = "00000000-0000-4000-8000-000000000000";
    await expect(names({ branchId: gone, teamId: gone })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { branchId: ["That branch no longer exists."], teamId: ["That team no longer exists."] },
    });
  });

  it("sorts by role, branch and team as a reader reads the names, not by their bytes", async () => {
    const [lower] = await t.db.insert(branches).values({ name: "almacén" }).returning();
    const [upper] = await t.db.insert(branches).values({ name: "Bodega" }).returning();
    for (const [roleKey, branchId] of [
      ["api_basic", lower.id],
      ["administrator", upper.id],
      ["api_administrator", lower.id],
    ] as const)
      await insertUser(t.db, { roleKey, branchId });
    const column = async (sort: string, dir: string, pick: (r: Awaited<ReturnType<typeof listUsers>>["rows"][number]) => string | null) => [
      ...new Set((await listUsers({ ctx: asAdmin(), input: { sort, dir } })).rows.map(pick).filter(Boolean)),
    ];
    // "Administrator" before "API …", as in a dictionary (bytes put every capital first: "API" < "Adm").
    expect(await column("role", "asc", (r) => r.role)).toEqual(["Administrator", "API Administrator", "API Basic", "Basic"]);
    expect(await column("role", "desc", (r) => r.role)).toEqual(["Basic", "API Basic", "API Administrator", "Administrator"]);
    expect(await column("branch", "asc", (r) => r.branch)).toEqual(["almacén", "Bodega"]);
  });

  it("sorts names as a reader reads them, whatever their case and accents, on the page and through the API", async () => {
    // By bytes (the database's C collation) these went capitals first and accents last:
    // Zapata, alba, de la Cruz, Álvarez, Ávila, Éboli.
    const typed = [
      ["Lucía", "Zapata"],
      ["Iker", "Álvarez"],
      ["Marta", "de la Cruz"],
      ["Inés", "Ávila"],
      ["Pau", "alba"],
      ["Gael", "Éboli"],
      ["ana", "Echeverría"],
      ["Bruno", "Echeverría"],
      ["Álex", "Echeverría"],
    ];
    for (const [firstName, lastName] of typed) await insertUser(t.db, { firstName, lastName });
    const ours = (rows: { firstName: string; lastName: string }[]) =>
      rows.filter((r) => typed.some(([f, l]) => f === r.firstName && l === r.lastName)).map((r) => `${r.lastName}, ${r.firstName}`);
    const expected = [
      "alba, Pau",
      "Álvarez, Iker",
      "Ávila, Inés",
      "de la Cruz, Marta",
      "Éboli, Gael",
      "Echeverría, Álex",
      "Echeverría, ana",
      "Echeverría, Bruno",
      "Zapata, Lucía",
    ];
    expect(ours((await listUsers({ ctx: asAdmin(), input: { sort: "name" } })).rows)).toEqual(expected);
    expect(ours((await listUsers({ ctx: asAdmin(), input: { sort: "name", dir: "desc" } })).rows)).toEqual([...expected].reverse());
    // Within one status or one role (all of these are active Basic users), by name too, not at random.
    for (const sort of ["status", "role"]) expect(ours((await listUsers({ ctx: asAdmin(), input: { sort, pageSize: "100" } })).rows), sort).toEqual(expected);
    // Page by page (three to a page), the keys of folded names carry on where the last page ended.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await pageUsers({ ctx: asAdmin(), input: { sort: "name", limit: 3, cursor } });
      seen.push(...ours(page.data));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("pages by keyset on every sort, both ways, across empty values, in exactly the list's order", async () => {
    // 17 more users with and without phone, branch, team and dates, some sharing a value, in two
    // roles, two branches whose names are equal once folded ("Centro", "Céntro") and two teams.
    const [branch, twin] = await t.db
      .insert(branches)
      .values([{ name: "Centro" }, { name: "Céntro" }])
      .returning();
    const [team, other] = await t.db
      .insert(teams)
      .values([{ name: "Ventas" }, { name: "Compras" }])
      .returning();
    for (let i = 0; i < 17; i++)
      await insertUser(t.db, {
        // Some equal once folded ("Sáme1", "same1"): the first name, then the id, decides.
        lastName: i % 3 ? (i % 2 ? `Sáme${i % 4}` : `same${i % 4}`) : `Name${i}`,
        phone: i % 2 ? `+5076123${String(4500 + (i % 5)).padStart(4, "0")}` : null,
        branchId: i % 3 ? (i % 5 ? branch.id : twin.id) : null,
        teamId: i % 4 ? (i === 7 ? other.id : team.id) : null,
        roleKey: i % 4 === 1 ? "purchasing_intermediate" : "basic",
        registeredAt: i % 5 ? new Date(Date.UTC(2026, 0, 1 + (i % 3))) : null,
        lastActivityAt: i % 2 ? new Date(Date.UTC(2026, 5, 1, i % 2)) : null,
        status: i % 6 ? "active" : "pending",
      });
    const basic = await roleId(t.db, "basic");
    const everySort = ["name", "username", "email", "phone", "role", "branch", "team", "status", "registeredAt", "lastActivityAt", "createdAt"].map((sort) => ({
      sort,
    }));
    // The unit and value sorts read indexes in parts (indexedPage): also under the filters that keep that path or leave it.
    const unitSorts = ["role", "branch", "team", "phone", "registeredAt", "lastActivityAt"].flatMap((sort) => [
      { sort, status: "active" },
      { sort, roleId: basic },
      { sort, teamId: team.id },
      { sort, q: "same" },
    ]);
    for (const filter of [...everySort, ...unitSorts])
      for (const dir of ["asc", "desc"]) {
        const input = { ...filter, dir };
        const label = JSON.stringify(input);
        // The list's order as one ORDER BY over every matching row: what each page must agree with.
        const all = (await selectUserRows(t.db, ListUsersInput.parse({ ...input, pageSize: 100 }))).map((r) => r.id);
        expect(all.length, label).toBeGreaterThan(10); // more than a page of 10, each way
        if (Object.keys(filter).length === 1) expect(all).toHaveLength(21);
        expect(
          (await listUsers({ ctx: asAdmin(), input: { ...input, pageSize: "100" } })).rows.map((r) => r.id),
          `${label} one page`,
        ).toEqual(all);
        // Forward with Next…
        const seen: string[] = [];
        let after: string | undefined;
        let page = 1;
        for (;;) {
          const result = await listUsers({ ctx: asAdmin(), input: { ...input, pageSize: "10", page: String(page), after } });
          seen.push(...result.rows.map((r) => r.id));
          if (!result.next) break;
          after = result.next;
          if (++page > 4) throw new Error(`${label}: Next never ends`); // 21 rows at most, 10 a page
        }
        expect(seen, `${label} forward`).toEqual(all);
        // …and back with Previous from the last page.
        const back: string[][] = [];
        let before: string | undefined;
        let from = await listUsers({ ctx: asAdmin(), input: { ...input, pageSize: "10", page: String(page), after } });
        back.unshift(from.rows.map((r) => r.id));
        while (from.previous) {
          if (back.length > 4) throw new Error(`${label}: Previous never ends`);
          before = from.previous;
          from = await listUsers({ ctx: asAdmin(), input: { ...input, pageSize: "10", page: "2", before } });
          back.unshift(from.rows.map((r) => r.id));
        }
        expect(back.flat(), `${label} backward`).toEqual(all);
      }
    // Those sorts read in parts where that pays, and by the usual order where a search or another unit's filter narrows the list.
    const dialect = new PgDialect();
    const reads = (input: Record<string, unknown>) => {
      const condition = pageCondition(ListUsersInput.parse(input), null, "after", 26);
      return condition ? dialect.sqlToQuery(condition).sql : "";
    };
    expect(reads({ sort: "role" })).toContain("cross join lateral");
    expect(reads({ sort: "team", status: "locked", teamId: team.id })).toContain("cross join lateral");
    expect(reads({ sort: "branch", q: "ana" })).toBe("");
    expect(reads({ sort: "role", teamId: team.id })).toBe("");
    expect(reads({ sort: "registeredAt", status: "active" })).toContain("union all");
    expect(reads({ sort: "phone", branchId: branch.id })).toBe("");
    expect(reads({ sort: "name" })).toBe("");
    expect(reads({ sort: "lastActivityAt" })).toContain("union all");
    // A forged or foreign cursor starts over instead of failing.
    const forged = await listUsers({ ctx: asAdmin(), input: { sort: "email", after: "bm90LWEtY3Vyc29y" } });
    expect(forged.rows).toHaveLength(21);
  });

  it("counts exactly up to the cap, then says 'more than'; with no filter a large table is estimated", async () => {
    const { countUsers, COUNT_CAP, ListUsersInput } = await import("@/lib/users/list-users");
    expect(COUNT_CAP).toBe(10_000);
    expect(await countUsers(t.db, ListUsersInput.parse({ status: "active" }))).toEqual({ value: 3, kind: "exact" });
    expect(await countUsers(t.db, ListUsersInput.parse({}))).toEqual({ value: 4, kind: "exact" });
    // With a cap of 2 (the real one is 10,000): a filter past it is "more than 2"…
    expect(await countUsers(t.db, ListUsersInput.parse({ status: "active" }), 2)).toEqual({ value: 2, kind: "atLeast" });
    // …and no filter at all reads the planner's estimate instead of counting.
    await t.db.execute(sql`analyze users`);
    expect(await countUsers(t.db, ListUsersInput.parse({}), 2)).toEqual({ value: 4, kind: "about" });
  });

  it("estimates a search the trigram index can't look up, on a large table; a list that fits one page is counted exactly", async () => {
    const { countUsers, ListUsersInput, roughly, settledCount } = await import("@/lib/users/list-users");
    const { searchReadsEveryRow } = await import("@/lib/users/search");
    expect(["ab", "a b", "j.d", "ñ"].map(searchReadsEveryRow)).toEqual([true, true, true, true]);
    expect(["", "maria", "ab maria", "+34 6", "ana@x"].map(searchReadsEveryRow)).toEqual([false, false, false, false, false]);
    await t.db.execute(sql`analyze users`);
    const matching = async (term: string) =>
      (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from users where search_text like ${`%${term}%`}`)).rows[0].n;
    // With a cap of 2 (the real one is 10,000) this table counts as large: "ad" is the planner's
    // estimate, not a count; "adm" has a trigram, and is counted.
    const short = await countUsers(t.db, ListUsersInput.parse({ q: "ad" }), 2);
    expect(short.kind).toBe("about");
    expect(short.value).toBeGreaterThanOrEqual(1);
    expect(await countUsers(t.db, ListUsersInput.parse({ q: "adm" }), 2)).toEqual({ value: await matching("adm"), kind: "exact" });
    expect([2603, 38, 0.4, 8208, 100_001].map(roughly)).toEqual([2600, 38, 1, 8200, 100_000]);
    // Whatever was estimated, a list that fits on its one page holds exactly its rows.
    expect(settledCount({ value: 400, kind: "about" }, 3, { seen: 3, hasPrevious: false, hasNext: false })).toEqual({ value: 3, kind: "exact" });
    expect(settledCount({ value: 400, kind: "about" }, 25, { seen: 25, hasPrevious: false, hasNext: true })).toEqual({ value: 400, kind: "about" });
    expect(settledCount({ value: 400, kind: "about" }, 2, { seen: 402, hasPrevious: true, hasNext: false })).toEqual({ value: 400, kind: "about" });
    // An estimate below what the pages already showed, with more to come, is "more than" those.
    expect(settledCount({ value: 10, kind: "about" }, 25, { seen: 50, hasPrevious: true, hasNext: true })).toEqual({ value: 50, kind: "atLeast" });
    const listed = await listUsers({ ctx: asAdmin(), input: { q: "ad" } });
    expect(listed.total).toEqual({ value: await matching("ad"), kind: "exact" });
  });

  it("hands the page its rows with the count still on its way, the same count listUsers waits for", async () => {
    for (const input of [{ q: "ad" }, { status: "active", pageSize: "10", page: "2" }, {}]) {
      const { total, ...page } = await listUsersCountLater({ ctx: asAdmin(), input });
      const whole = await listUsers({ ctx: asAdmin(), input });
      expect(total).toBeInstanceOf(Promise);
      expect({ ...page, total: await total }).toEqual(whole);
    }
  });

  it("refuses a caller without users.view", async () => {
    await expect(listUsersCountLater({ ctx: testCtx(t.db, { actor: actorWith([], admin.id) }).ctx, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listUsers({ ctx: testCtx(t.db, { actor: actorWith([], admin.id) }).ctx, input: {} })).rejects.toMatchObject({ code: "forbidden" });
  });
});
