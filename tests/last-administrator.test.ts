import { eq, isNotNull, ne } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, userPermissions, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import type { Ctx, UserActor } from "@/lib/context";
import { ALL_PERMISSIONS } from "@/lib/permissions/catalog";
import { copyPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { lockInactiveUsers } from "@/lib/security/lock-inactive-users";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { deleteUser } from "@/lib/users/delete-user";
import { permissionsOfUser } from "@/lib/users/queries";
import { updateUser } from "@/lib/users/update-user";
import { resetData, testDatabase } from "./support/db";
import { insertUser, PASSWORD, roleId, testCtx, userActorWith } from "./support/factories";

/**
 * The last effective Administrator can't be removed by anyone — not even by someone who holds every
 * permission, and not by themselves. With a second effective Administrator each path is allowed:
 * the rule is about the last one, not about any one.
 */
const t = testDatabase();
type Row = Awaited<ReturnType<typeof insertUser>>;
let admin: Row;
let peer: Row;
let adminActor: UserActor;
let peerActor: UserActor;

beforeEach(async () => {
  await resetData(t.db);
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
  // Holds every permission through per-user grants on the Basic role, but is no Administrator.
  peer = await insertUser(t.db, { roleKey: "basic", firstName: "Pat", lastName: "Peer" });
  await t.db.insert(userPermissions).values(ALL_PERMISSIONS.map((permission) => ({ userId: peer.id, permission, effect: "grant" as const })));
  adminActor = { ...userActorWith("all", admin.id), name: "Ada Admin", username: admin.username, roleKey: "administrator" };
  peerActor = { ...userActorWith("all", peer.id), name: "Pat Peer", username: peer.username, roleKey: "basic" };
});

const asPeer = () => testCtx(t.db, { actor: peerActor }).ctx;
const asAdmin = () => testCtx(t.db, { actor: adminActor }).ctx;
// testCtx's clock: 2026-06-01.
const TOMORROW = "2026-06-02";

/** The administrator's own edit form, as saved unchanged; each path overrides one field. */
async function adminForm(overrides: Record<string, unknown> = {}) {
  return {
    userId: admin.id,
    expectedVersion: admin.version,
    firstName: admin.firstName,
    lastName: admin.lastName,
    username: admin.username,
    email: admin.email,
    roleId: admin.roleId,
    adminConsoleAccess: "on",
    status: "active",
    ...overrides,
  };
}

/** Everything a refused path could have written about the administrator. */
async function snapshot() {
  const [row] = await t.db.select().from(users).where(eq(users.id, admin.id));
  const overrides = await t.db
    .select({ permission: userPermissions.permission, effect: userPermissions.effect })
    .from(userPermissions)
    .where(eq(userPermissions.userId, admin.id));
  // A refusal for lack of rights is on record (authz_fail); nothing else is.
  const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(ne(auditEvents.action, "authz_fail"));
  return { row, overrides, events };
}

type Path = [name: string, call: (ctx: Ctx) => Promise<unknown>];

/** Each way another user (holding every permission) could end the administrator's administration. */
const byAnother: Path[] = [
  ["deactivateUser", (ctx) => deactivateUser({ ctx, input: { userId: admin.id } })],
  ["deleteUser", (ctx) => deleteUser({ ctx, input: { userId: admin.id } })],
  ["updateUser: role changed to Basic", async (ctx) => updateUser({ ctx, input: await adminForm({ roleId: await roleId(t.db, "basic") }) })],
  ["updateUser: status inactive", async (ctx) => updateUser({ ctx, input: await adminForm({ status: "inactive" }) })],
  ["updateUser: admin console access off", async (ctx) => updateUser({ ctx, input: await adminForm({ adminConsoleAccess: "" }) })],
  ["updateUser: account expires tomorrow", async (ctx) => updateUser({ ctx, input: await adminForm({ accountExpiresOn: TOMORROW }) })],
  [
    "copyPermissions from a Basic user",
    async (ctx) => {
      const basic = await insertUser(t.db, { roleKey: "basic" });
      return copyPermissions({ ctx, input: { fromUserId: basic.id, toUserId: admin.id } });
    },
  ],
];

/** The same paths taken by the administrator on their own account, with the code each gives. */
const bySelf: [name: string, code: string, call: (ctx: Ctx) => Promise<unknown>][] = [
  ["deactivateUser", "forbidden", (ctx) => deactivateUser({ ctx, input: { userId: admin.id } })],
  ["deleteUser", "forbidden", (ctx) => deleteUser({ ctx, input: { userId: admin.id } })],
  ["updateUser: role changed to Basic", "forbidden", async (ctx) => updateUser({ ctx, input: await adminForm({ roleId: await roleId(t.db, "basic") }) })],
  ["updateUser: status inactive", "forbidden", async (ctx) => updateUser({ ctx, input: await adminForm({ status: "inactive" }) })],
  ["updateUser: admin console access off", "forbidden", async (ctx) => updateUser({ ctx, input: await adminForm({ adminConsoleAccess: "" }) })],
  ["updateUser: account expires tomorrow", "precondition_failed", async (ctx) => updateUser({ ctx, input: await adminForm({ accountExpiresOn: TOMORROW }) })],
  [
    "copyPermissions from a Basic user",
    "forbidden",
    async (ctx) => {
      const basic = await insertUser(t.db, { roleKey: "basic" });
      return copyPermissions({ ctx, input: { fromUserId: basic.id, toUserId: admin.id } });
    },
  ],
  ["setUserPermissions", "forbidden", (ctx) => setUserPermissions({ ctx, input: { userId: admin.id, overrides: { "roles.manage": "deny" } } })],
];

const DAY = 86_400_000;

describe("with exactly one effective Administrator", () => {
  it.each(byAnother)("%s by someone holding every permission is refused and writes nothing", async (_name, call) => {
    const before = await snapshot();
    const error = await call(asPeer()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "precondition_failed" });
    expect((error as Error).message).toMatch(/last active Administrator/);
    expect(await snapshot()).toEqual(before);
  });

  it.each(bySelf)("%s by the Administrator on their own account is refused (%s) and writes nothing", async (_name, code, call) => {
    const before = await snapshot();
    await expect(call(asAdmin())).rejects.toMatchObject({ code });
    expect(await snapshot()).toEqual(before);
  });

  it("denials of roles.manage and users.view never take them from the Administrator", async () => {
    await setUserPermissions({ ctx: asPeer(), input: { userId: admin.id, overrides: { "roles.manage": "deny", "users.view": "deny" } } }).catch((e: unknown) =>
      expect(e).toMatchObject({ code: "precondition_failed" }),
    );
    const effective = await permissionsOfUser(t.db, admin.id, admin.roleId, "administrator");
    expect(effective.has("roles.manage")).toBe(true);
    expect(effective.has("users.view")).toBe(true);
    expect(effective.size).toBe(ALL_PERMISSIONS.length);
  });

  it("the inactivity sweep spares the only Administrator after 91 idle days, and still locks others", async () => {
    const { ctx } = testCtx(t.db);
    const now = ctx.now();
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(now.getTime() - 91 * DAY) })
      .where(eq(users.id, admin.id));
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(now.getTime() - DAY) })
      .where(eq(users.id, peer.id));
    const idle = await insertUser(t.db, { lastLoginAt: new Date(now.getTime() - 91 * DAY) });
    expect(await lockInactiveUsers({ ctx })).toEqual({ locked: 1 });
    const locked = await t.db.select({ id: users.id }).from(users).where(isNotNull(users.lockedAt));
    expect(locked.map((r) => r.id)).toEqual([idle.id]);
  });

  it("signing in after 91 idle days does not lock the only Administrator out either (the sweep's rule, at sign-in)", async () => {
    const { ctx } = testCtx(t.db);
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(ctx.now().getTime() - 91 * DAY) })
      .where(eq(users.id, admin.id));
    const result = await authenticate({ ctx, input: { identifier: admin.username, password: PASSWORD } });
    const [row] = await t.db.select({ lockedAt: users.lockedAt }).from(users).where(eq(users.id, admin.id));
    expect(row.lockedAt).toBeNull();
    expect(result).toMatchObject({ ok: true });
  });

  it("a second Administrator who is inactive, locked, kept out of the console or expired does not count", async () => {
    const variants = [
      { status: "inactive" as const },
      { lockedAt: new Date(), lockReason: "failed_logins" as const },
      { adminConsoleAccess: false },
      { accountExpiresOn: "2020-01-01" },
    ];
    for (const variant of variants) {
      const other = await insertUser(t.db, { roleKey: "administrator", ...variant });
      await expect(deactivateUser({ ctx: asPeer(), input: { userId: admin.id } }), JSON.stringify(variant)).rejects.toMatchObject({
        code: "precondition_failed",
      });
      await t.db.delete(users).where(eq(users.id, other.id));
    }
  });
});

describe("with a second effective Administrator", () => {
  beforeEach(async () => {
    await insertUser(t.db, { roleKey: "administrator", firstName: "Second", lastName: "Admin" });
  });

  it.each(byAnother)("%s by someone holding every permission is allowed", async (_name, call) => {
    await call(asPeer());
    const [row] = await t.db.select({ version: users.version }).from(users).where(eq(users.id, admin.id));
    // Deleted, or saved once.
    expect(row?.version ?? "deleted").not.toBe(admin.version);
  });

  it("the Administrator may give their own account an expiration date", async () => {
    await expect(updateUser({ ctx: asAdmin(), input: await adminForm({ accountExpiresOn: TOMORROW }) })).resolves.toMatchObject({ changed: true });
    const [row] = await t.db.select({ expires: users.accountExpiresOn }).from(users).where(eq(users.id, admin.id));
    expect(row.expires).toBe(TOMORROW);
  });

  it("an expiration date counts only the others who outlast it: two administrators can't give each other one", async () => {
    const [second] = await t.db.select().from(users).where(eq(users.firstName, "Second"));
    await t.db.update(users).set({ accountExpiresOn: "2026-07-01" }).where(eq(users.id, second.id));
    // The other leaves on 1 July: Ada may not leave on or after it, only before.
    for (const day of ["2026-07-01", "2026-08-01"])
      await expect(updateUser({ ctx: asPeer(), input: await adminForm({ accountExpiresOn: day }) })).rejects.toMatchObject({
        code: "precondition_failed",
        message: "You cannot set an expiration date for Ada Admin: they are the last active Administrator.",
      });
    await expect(updateUser({ ctx: asPeer(), input: await adminForm({ accountExpiresOn: "2026-06-30" }) })).resolves.toMatchObject({ changed: true });
  });

  it("denials are accepted and still leave the Administrator every permission", async () => {
    await setUserPermissions({ ctx: asPeer(), input: { userId: admin.id, overrides: { "roles.manage": "deny", "users.view": "deny" } } });
    const effective = await permissionsOfUser(t.db, admin.id, admin.roleId, "administrator");
    expect(effective.has("roles.manage")).toBe(true);
    expect(effective.has("users.view")).toBe(true);
  });

  it("the inactivity sweep locks the idle Administrator when another one is recently active", async () => {
    const { ctx } = testCtx(t.db);
    const now = ctx.now();
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(now.getTime() - DAY) })
      .where(ne(users.id, admin.id));
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(now.getTime() - 91 * DAY) })
      .where(eq(users.id, admin.id));
    expect(await lockInactiveUsers({ ctx })).toEqual({ locked: 1 });
    const [row] = await t.db.select({ lockedAt: users.lockedAt, lockReason: users.lockReason }).from(users).where(eq(users.id, admin.id));
    expect(row).toEqual({ lockedAt: now, lockReason: "inactivity" });
  });

  it("signing in after 91 idle days locks the Administrator when another one is recently active", async () => {
    const { ctx } = testCtx(t.db);
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(ctx.now().getTime() - DAY) })
      .where(ne(users.id, admin.id));
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date(ctx.now().getTime() - 91 * DAY) })
      .where(eq(users.id, admin.id));
    expect(await authenticate({ ctx, input: { identifier: admin.username, password: PASSWORD } })).toMatchObject({ ok: false });
    const [row] = await t.db.select({ lockReason: users.lockReason }).from(users).where(eq(users.id, admin.id));
    expect(row.lockReason).toBe("inactivity");
  });
});
