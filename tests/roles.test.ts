import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { apiKeys, auditEvents, roles, userPermissions, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import type { Actor } from "@/lib/context";
import { loadSessionUser, permissionsOfUser } from "@/lib/users/queries";
import { deleteRole } from "@/lib/roles/delete-role";
import { saveRole } from "@/lib/roles/save-role";
import { BUILT_IN_DESCRIPTIONS } from "@/lib/roles/built-in";
import { getRole, listRoles } from "@/lib/roles/list-roles";
import { copyPermissions, previewCopyPermissions, readUserPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { resetData, testDatabase } from "./support/db";
import { ALL_PERMISSIONS } from "@/lib/permissions/catalog";
import { actorWith, insertUser, PASSWORD, roleId, testCtx } from "./support/factories";

const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
let adminCtx: ReturnType<typeof testCtx>["ctx"];
beforeEach(async () => {
  await resetData(t.db);
  await t.db.delete(roles).where(eq(roles.builtIn, false));
  admin = await insertUser(t.db, { roleKey: "administrator" });
  adminCtx = testCtx(t.db, { actor: actorWith("all", admin.id) }).ctx;
});

const authzFails = async () => (await t.db.select().from(auditEvents).where(eq(auditEvents.action, "authz_fail"))).length;
const limited = (perms: Parameters<typeof actorWith>[0], id: string | null = null): Actor => actorWith(perms, id);

describe("roles", () => {
  it("lists the five built-in roles with member counts; Administrator holds every permission", async () => {
    const all = await listRoles(adminCtx);
    expect(all.map((r) => r.name)).toEqual(["Administrator", "API Administrator", "API Basic", "Basic", "Purchasing Intermediate"]);
    expect(all.map((r) => r.members)).toEqual([1, 0, 0, 0, 0]);
    expect(all[0].permissions.length).toBe(24);
  });

  it("knows the built-in roles' descriptions as seeded, which each language's catalog words in its own", async () => {
    const seeded = await t.db.select({ key: roles.key, description: roles.description }).from(roles).where(eq(roles.builtIn, true));
    expect(Object.fromEntries(seeded.map((r) => [r.key, r.description]))).toEqual(BUILT_IN_DESCRIPTIONS);
    const catalog = (language: string) => JSON.parse(readFileSync(`messages/${language}/server/Roles.json`, "utf8")).builtInDescriptions;
    expect(catalog("en")).toEqual(BUILT_IN_DESCRIPTIONS);
    expect(Object.keys(catalog("es")).sort()).toEqual(Object.keys(BUILT_IN_DESCRIPTIONS).sort());
  });

  it("refuses a role name that differs from another only by case or accents, naming the one that exists", async () => {
    for (const name of ["ADMINISTRATOR", "Ádministrator"])
      await expect(saveRole({ ctx: adminCtx, input: { name, description: "", permissions: ["users.view"] } })).rejects.toMatchObject({
        code: "conflict",
        fieldErrors: { name: ["A role named “Administrator” already exists."] },
      });
  });

  it("creates, edits and deletes a custom role that then appears in every picker", async () => {
    const { id } = await saveRole({ ctx: adminCtx, input: { name: "Auditors", description: "Read-only", permissions: ["users.view", "audit.view"] } });
    expect((await getRole(adminCtx, id)).permissions.sort()).toEqual(["audit.view", "users.view"]);
    await saveRole({ ctx: adminCtx, input: { roleId: id, name: "Auditors", description: "Read-only", permissions: ["users.view", "audit.view", "reports"] } });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "role.updated"));
    expect(event.detail).toEqual({ changes: {}, before: ["audit.view", "users.view"], after: ["audit.view", "reports", "users.view"] });
    // A new description is recorded; an unchanged name and unchanged permissions are not.
    await saveRole({
      ctx: adminCtx,
      input: { roleId: id, name: "Auditors", description: "Reads everything", permissions: ["users.view", "audit.view", "reports"] },
    });
    // Saving it as it is records nothing.
    await saveRole({
      ctx: adminCtx,
      input: { roleId: id, name: "Auditors", description: "Reads everything", permissions: ["reports", "users.view", "audit.view"] },
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "role.updated"));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.detail)).toContainEqual({ changes: { description: ["Read-only", "Reads everything"] } });
    await deleteRole({ ctx: adminCtx, input: { roleId: id } });
    expect((await listRoles(adminCtx)).map((r) => r.name)).not.toContain("Auditors");
  });

  it("refuses duplicate names (any case), unknown permissions, renaming or deleting a built-in, and deleting a held role", async () => {
    await saveRole({ ctx: adminCtx, input: { name: "Sales leads", permissions: [] } });
    await expect(saveRole({ ctx: adminCtx, input: { name: "SALES LEADS", permissions: [] } })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { name: [expect.any(String)] },
    });
    await expect(saveRole({ ctx: adminCtx, input: { name: "X", permissions: ["users.view", "root.everything"] } })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { permissions: ["Unknown permission: root.everything."] },
    });
    const basic = await roleId(t.db, "basic");
    await expect(saveRole({ ctx: adminCtx, input: { roleId: basic, name: "Renamed", permissions: [] } })).rejects.toThrow(
      /built-in role: it cannot be renamed/,
    );
    await expect(deleteRole({ ctx: adminCtx, input: { roleId: basic } })).rejects.toThrow(/built-in role: it cannot be deleted/);
    const { id } = await saveRole({ ctx: adminCtx, input: { name: "Held", permissions: [] } });
    await insertUser(t.db, { roleId: id } as never);
    await expect(deleteRole({ ctx: adminCtx, input: { roleId: id } })).rejects.toThrow(/^1 user holds the role Held/);
    await expect(
      saveRole({ ctx: adminCtx, input: { roleId: await roleId(t.db, "administrator"), name: "Administrator", permissions: ["users.view"] } }),
    ).rejects.toThrow(/always holds every permission/);
  });

  it("refuses to delete a role a live API key acts with; a revoked key goes with the role", async () => {
    const { id } = await saveRole({ ctx: adminCtx, input: { name: "Sync jobs", permissions: ["api.access", "users.view"] } });
    const { createApiKey } = await import("@/lib/api-keys/create-api-key");
    const { revokeApiKey } = await import("@/lib/api-keys/revoke-api-key");
    const key = await createApiKey({ ctx: adminCtx, input: { name: "Nightly sync", roleId: id } });
    await expect(deleteRole({ ctx: adminCtx, input: { roleId: id } })).rejects.toMatchObject({
      code: "precondition_failed",
      message: "1 API key acts with the role Sync jobs. Revoke it first.",
    });
    await revokeApiKey({ ctx: adminCtx, input: { keyId: key.id } });
    await deleteRole({ ctx: adminCtx, input: { roleId: id } });
    expect(await t.db.select().from(roles).where(eq(roles.id, id))).toEqual([]);
    expect(await t.db.select().from(apiKeys).where(eq(apiKeys.id, key.id))).toEqual([]);
  });

  it("refuses to put into a role a permission the caller does not hold, recording authz_fail and writing nothing", async () => {
    const ctx = testCtx(t.db, { actor: limited(["roles.manage", "users.view"]) }).ctx;
    await expect(saveRole({ ctx, input: { name: "Sneaky", permissions: ["users.view", "users.delete"] } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listRoles(adminCtx)).map((r) => r.name)).not.toContain("Sneaky");
    expect(await authzFails()).toBe(1);
    await expect(saveRole({ ctx: testCtx(t.db, { actor: limited(["users.view"]) }).ctx, input: { name: "Nope", permissions: [] } })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("per-user permissions", () => {
  it("changes a role's permissions only for an editor who outranks everyone who holds it", async () => {
    const { id } = await saveRole({ ctx: adminCtx, input: { name: "Auditors", description: "", permissions: ["roles.manage", "audit.view", "users.view"] } });
    const editor = await insertUser(t.db, { roleId: id });
    const senior = await insertUser(t.db, { roleId: id });
    await t.db.insert(userPermissions).values({ userId: senior.id, permission: "users.delete", effect: "grant" });
    const asEditor = testCtx(t.db, { actor: limited(["roles.manage", "audit.view", "users.view"], editor.id) }).ctx;
    await expect(
      saveRole({ ctx: asEditor, input: { roleId: id, name: "Auditors", description: "", permissions: ["roles.manage", "users.view"] } }),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: "You cannot change the permissions of the role Auditors: someone who holds it also holds permissions you do not (Delete users).",
    });
    expect((await getRole(adminCtx, id)).permissions.sort()).toEqual(["audit.view", "roles.manage", "users.view"]);
    // Its name and description are no one's permissions; and once the grant goes, the change is theirs to make.
    await saveRole({
      ctx: asEditor,
      input: { roleId: id, name: "Auditors", description: "Read the trail", permissions: ["roles.manage", "audit.view", "users.view"] },
    });
    await t.db.delete(userPermissions).where(eq(userPermissions.userId, senior.id));
    await saveRole({ ctx: asEditor, input: { roleId: id, name: "Auditors", description: "Read the trail", permissions: ["roles.manage", "users.view"] } });
    expect((await getRole(adminCtx, id)).permissions.sort()).toEqual(["roles.manage", "users.view"]);
  });

  it("grant and deny on top of the role take effect on the next request; the read model shows all three", async () => {
    const user = await insertUser(t.db, { roleKey: "purchasing_intermediate" });
    await setUserPermissions({ ctx: adminCtx, input: { userId: user.id, overrides: { reports: "grant", orders: "deny" } } });
    const effective = await permissionsOfUser(t.db, user.id, user.roleId, "purchasing_intermediate");
    expect([...effective].sort()).toEqual(["inventory", "products", "purchasing", "reports"]);
    // What each request reads, in the same query as the session check, says the same.
    expect([...(await loadSessionUser(t.db, user.id, null))!.permissions].sort()).toEqual(["inventory", "products", "purchasing", "reports"]);
    const view = await readUserPermissions(adminCtx, user.id);
    expect(view.permissions.find((p) => p.permission === "orders")).toEqual({ permission: "orders", fromRole: true, override: "deny", effective: false });
    expect(view.permissions.find((p) => p.permission === "reports")).toEqual({ permission: "reports", fromRole: false, override: "grant", effective: true });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.permissions_changed"));
    expect(event.detail).toEqual({
      before: ["inventory", "orders", "products", "purchasing"],
      after: ["inventory", "products", "purchasing", "reports"],
      overrides: { reports: ["inherit", "grant"], orders: ["inherit", "deny"] },
    });
    // A denial of what the role does not give changes no permission today, and is recorded all the same;
    // sending the settings as they are records nothing.
    await setUserPermissions({ ctx: adminCtx, input: { userId: user.id, overrides: { "users.delete": "deny" } } });
    await setUserPermissions({ ctx: adminCtx, input: { userId: user.id, overrides: { reports: "grant" } } });
    await setUserPermissions({ ctx: adminCtx, input: { userId: user.id, overrides: {} } });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.permissions_changed"));
    expect(events).toHaveLength(2);
    const now = ["inventory", "products", "purchasing", "reports"];
    expect(events.map((e) => e.detail)).toContainEqual({
      before: now,
      after: now,
      overrides: { "users.delete": ["inherit", "deny"] },
    });
  });

  it("nobody grants what they do not hold, edits someone who holds more, or changes their own", async () => {
    const helper = await insertUser(t.db);
    const ctx = testCtx(t.db, { actor: limited(["users.permissions", "users.view", "reports"], helper.id) }).ctx;
    const user = await insertUser(t.db);
    await setUserPermissions({ ctx, input: { userId: user.id, overrides: { reports: "grant" } } });
    await expect(setUserPermissions({ ctx, input: { userId: user.id, overrides: { "users.delete": "grant" } } })).rejects.toThrow(
      /do not hold yourself \(Delete users\)/,
    );
    await expect(setUserPermissions({ ctx, input: { userId: admin.id, overrides: { reports: "deny" } } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setUserPermissions({ ctx, input: { userId: helper.id, overrides: {} } })).rejects.toThrow("You cannot change your own role or permissions.");
    await expect(setUserPermissions({ ctx, input: { userId: user.id, overrides: { "made.up": "grant" } } })).rejects.toMatchObject({ code: "validation" });
    expect(await authzFails()).toBe(3);
    await expect(
      setUserPermissions({ ctx: testCtx(t.db, { actor: limited(["users.view"]) }).ctx, input: { userId: user.id, overrides: {} } }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("copy permissions previews exactly what changes, then copies role and overrides", async () => {
    const source = await insertUser(t.db, { roleKey: "purchasing_intermediate" });
    await t.db.insert(userPermissions).values({ userId: source.id, permission: "reports", effect: "grant" });
    const target = await insertUser(t.db, { roleKey: "basic" });
    const preview = await previewCopyPermissions({ ctx: adminCtx, input: { fromUserId: source.id, toUserId: target.id } });
    expect(preview.role).toEqual({ before: "Basic", after: "Purchasing Intermediate", changes: true });
    expect(preview.changes.map((c) => [c.permission, c.before, c.after])).toEqual([
      ["orders", false, true],
      ["inventory", false, true],
      ["reports", false, true],
      ["purchasing", false, true],
      ["products", false, true],
    ]);
    // The preview shows both users' permissions: reading them is users.view's, as on their pages.
    const blind = testCtx(t.db, { actor: limited(["users.permissions", ...ALL_PERMISSIONS.filter((p) => p !== "users.view")]) }).ctx;
    await expect(previewCopyPermissions({ ctx: blind, input: { fromUserId: source.id, toUserId: target.id } })).rejects.toMatchObject({ code: "forbidden" });
    await copyPermissions({ ctx: adminCtx, input: { fromUserId: source.id, toUserId: target.id } });
    const after = await readUserPermissions(adminCtx, target.id);
    expect(after.role.name).toBe("Purchasing Intermediate");
    expect(after.effective.sort()).toEqual(["inventory", "orders", "products", "purchasing", "reports"]);
  });

  it("refuses to copy permissions the caller does not hold, and to demote the last active Administrator", async () => {
    const basic = await insertUser(t.db);
    const ctx = testCtx(t.db, { actor: limited(["users.permissions", "users.view"]) }).ctx;
    await expect(copyPermissions({ ctx, input: { fromUserId: admin.id, toUserId: basic.id } })).rejects.toMatchObject({ code: "forbidden" });
    const other = await insertUser(t.db, { roleKey: "administrator", status: "inactive" });
    const otherCtx = testCtx(t.db, { actor: actorWith("all", other.id) }).ctx;
    await expect(copyPermissions({ ctx: otherCtx, input: { fromUserId: basic.id, toUserId: admin.id } })).rejects.toThrow(/last active Administrator/);
  });
});

describe("every path keeps the rules", () => {
  it("create and update refuse a role above the caller, with authz_fail", async () => {
    const ctx = testCtx(t.db, { actor: limited(["users.create", "users.update", "users.view"]) }).ctx;
    const input = {
      firstName: "A",
      lastName: "B",
      username: "abc",
      email: "abc@example.com",
      roleId: await roleId(t.db, "api_administrator"),
      access: "password",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    };
    await expect(createUser({ ctx, input })).rejects.toMatchObject({ code: "forbidden" });
    const u = await insertUser(t.db);
    await expect(
      updateUser({
        ctx,
        input: {
          firstName: "A",
          lastName: "B",
          username: u.username,
          email: u.email,
          roleId: await roleId(t.db, "administrator"),
          userId: u.id,
          expectedVersion: 1,
        },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateUser({
        ctx,
        input: {
          firstName: "A",
          lastName: "B",
          username: u.username,
          email: u.email,
          roleId: "00000000-0000-4000-8000-000000000000",
          userId: u.id,
          expectedVersion: 1,
        },
      }),
    ).rejects.toMatchObject({ fieldErrors: { roleId: ["Choose a role from the list."] } });
    expect(await authzFails()).toBe(2);
    const [row] = await t.db.select({ roleId: users.roleId }).from(users).where(eq(users.id, u.id));
    expect(row.roleId).toBe(await roleId(t.db, "basic"));
  });

  it("an API Basic or API Administrator user without console access signs in to their own account only", async () => {
    for (const roleKey of ["api_basic", "api_administrator"]) {
      const u = await insertUser(t.db, { roleKey, adminConsoleAccess: false });
      // The sign-in stands; lib/auth gives such a session no permission and sends every console page to /account.
      expect(await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: u.username, password: PASSWORD } })).toMatchObject({ ok: true });
      await t.db.update(users).set({ adminConsoleAccess: true }).where(eq(users.id, u.id));
      expect(await authenticate({ ctx: testCtx(t.db).ctx, input: { identifier: u.username, password: PASSWORD } })).toMatchObject({ ok: true });
    }
  });
});
