import { beforeEach, describe, expect, it } from "vitest";
import { rolePermissions, roles, userPermissions } from "@/db/schema";
import { ALL_PERMISSIONS, type Permission } from "@/lib/permissions/catalog";
import { outrankingUsers } from "@/lib/users/queries";
import { resetData, testDatabase } from "./support/db";
import { insertUser } from "./support/factories";

/**
 * The users list's ⋮ menus offer no action on someone who holds a permission the viewer does not:
 * outrankingUsers is the guards' rule (role + grants − denials, the Administrator role the whole
 * catalog) for a page of rows at once.
 */
const t = testDatabase();
beforeEach(() => resetData(t.db));

const MANAGER: Permission[] = ["users.view", "users.create", "users.update", "users.delete"];

describe("outrankingUsers", () => {
  it("names the users holding a permission the viewer lacks, whichever way they hold it", async () => {
    const [auditors] = await t.db.insert(roles).values({ name: "Auditors" }).returning();
    await t.db.insert(rolePermissions).values({ roleId: auditors.id, permission: "audit.view" });
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const basic = await insertUser(t.db, { roleKey: "basic" });
    const auditor = await insertUser(t.db, { roleId: auditors.id });
    const granted = await insertUser(t.db, { roleKey: "basic" });
    await t.db.insert(userPermissions).values({ userId: granted.id, permission: "roles.manage", effect: "grant" });
    // An auditor whose audit.view is taken away holds nothing the manager lacks.
    const denied = await insertUser(t.db, { roleId: auditors.id });
    await t.db.insert(userPermissions).values({ userId: denied.id, permission: "audit.view", effect: "deny" });
    // A grant of what the manager holds anyway does not outrank them.
    const peer = await insertUser(t.db, { roleKey: "basic" });
    await t.db.insert(userPermissions).values({ userId: peer.id, permission: "users.update", effect: "grant" });

    const ids = [admin, basic, auditor, granted, denied, peer].map((u) => u.id);
    const outranking = await outrankingUsers(t.db, new Set(MANAGER), ids);
    expect([...outranking].sort()).toEqual([admin.id, auditor.id, granted.id].sort());
    // The auditor's own permission is no rank over an auditor who also manages users.
    expect([...(await outrankingUsers(t.db, new Set<Permission>([...MANAGER, "audit.view"]), ids))].sort()).toEqual([admin.id, granted.id].sort());
  });

  it("finds nobody above someone holding the whole catalog, and nobody in an empty page", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    expect((await outrankingUsers(t.db, new Set(ALL_PERMISSIONS), [admin.id])).size).toBe(0);
    expect((await outrankingUsers(t.db, new Set(MANAGER), [])).size).toBe(0);
  });
});
