/**
 * Bulk actions on users: every rule of the single action holds for each user (outranking, self, the
 * last Administrator), the answer says who was done and who was refused and why, one audit event
 * per user and one for the bulk action; chosen ids or every user matching the filter.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, branches, clients, users } from "@/db/schema";
import { makeCtx } from "@/lib/context";
import { bulkUsers } from "@/lib/users/bulk-users";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, roleId } from "./support/factories";

const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
const asAdmin = () => makeCtx(t.db, { actor: actorWith("all", admin.id) });

beforeEach(async () => {
  await resetData(t.db);
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
});

const statuses = async (ids: string[]) =>
  Object.fromEntries((await t.db.select({ id: users.id, status: users.status }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.status]));

describe("bulk actions", () => {
  it("deactivates the chosen users, refusing yourself and the last Administrator with the reason", async () => {
    const a = await insertUser(t.db, { firstName: "Ana", lastName: "One" });
    const b = await insertUser(t.db, { firstName: "Bea", lastName: "Two" });
    const result = await bulkUsers({ ctx: asAdmin(), input: { action: "deactivate", userIds: [a.id, b.id, admin.id] } });
    expect(result.done.map((d) => d.name).sort()).toEqual(["Ana One", "Bea Two"]);
    expect(result.refused).toEqual([{ id: admin.id, name: "Ada Admin", reason: "You cannot deactivate yourself." }]);
    expect(await statuses([a.id, b.id, admin.id])).toEqual({ [a.id]: "inactive", [b.id]: "inactive", [admin.id]: "active" });
    const events = await t.db.select({ action: auditEvents.action, detail: auditEvents.detail }).from(auditEvents);
    expect(events.filter((e) => e.action === "user.deactivated")).toHaveLength(2);
    expect(events.find((e) => e.action === "users.bulk")?.detail).toMatchObject({
      bulkAction: "deactivate",
      users: 3,
      done: 2,
      refused: 1,
      selection: "chosen",
    });
  });

  it("says how many of the chosen users no longer exist (deleted since the page was read)", async () => {
    const a = await insertUser(t.db, { firstName: "Ana", lastName: "One", status: "pending" });
    const gone = "00000000-0000-4000-8000-000000000001";
    const result = await bulkUsers({ ctx: asAdmin(), input: { action: "confirm", userIds: [a.id, gone, gone] } });
    expect(result).toMatchObject({ done: [{ id: a.id }], gone: 1, refused: [] });
    const [event] = await t.db.select({ detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.action, "users.bulk"));
    expect(event.detail).toMatchObject({ users: 1, done: 1, gone: 1 });
  });

  it("counts yourself as unchanged when reactivating a list you are in (you are Active), not as refused", async () => {
    const a = await insertUser(t.db, { firstName: "Ana", lastName: "One", status: "inactive" });
    const result = await bulkUsers({ ctx: asAdmin(), input: { action: "reactivate", userIds: [a.id, admin.id] } });
    expect(result.done.map((d) => d.name)).toEqual(["Ana One"]);
    expect(result.unchanged).toEqual([{ id: admin.id, name: "Ada Admin" }]);
    expect(result.refused).toEqual([]);
  });

  it("refuses, per user, the ones the actor doesn't outrank", async () => {
    const manager = await insertUser(t.db, { roleKey: "basic" });
    const other = await insertUser(t.db, { roleKey: "administrator", firstName: "Olga", lastName: "Other" });
    const plain = await insertUser(t.db, { roleKey: "basic", firstName: "Pat", lastName: "Plain" });
    const ctx = makeCtx(t.db, { actor: actorWith(["users.view", "users.update"], manager.id) });
    const result = await bulkUsers({ ctx, input: { action: "deactivate", userIds: [other.id, plain.id] } });
    expect(result.done.map((d) => d.name)).toEqual(["Pat Plain"]);
    expect(result.refused[0]).toMatchObject({
      name: "Olga Other",
      reason: expect.stringMatching(/^You cannot deactivate Olga Other: they hold permissions you do not/),
    });
  });

  it("acts on every user matching the filter, and changes role and branch with the single-user rules", async () => {
    for (let i = 0; i < 3; i++) await insertUser(t.db, { lastName: "Zeta", firstName: `Z${i}` });
    await insertUser(t.db, { lastName: "Other" });
    const [branch] = await t.db.insert(branches).values({ name: "David" }).returning();
    // A filter acts on exactly as many users as the reader confirmed, or on none.
    await expect(bulkUsers({ ctx: asAdmin(), input: { action: "moveBranch", filter: { q: "zeta" }, unitId: branch.id } })).rejects.toMatchObject({
      fieldErrors: { expectedCount: ["Confirm how many users this acts on."] },
    });
    await expect(
      bulkUsers({ ctx: asAdmin(), input: { action: "moveBranch", filter: { q: "zeta" }, expectedCount: 2, unitId: branch.id } }),
    ).rejects.toMatchObject({ fieldErrors: { filter: ["Now 3 match this filter, not the 2 you confirmed: look at the list again."] } });
    expect(
      await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(eq(users.branchId, branch.id)),
    ).toEqual([{ n: 0 }]);
    const moved = await bulkUsers({ ctx: asAdmin(), input: { action: "moveBranch", filter: { q: "zeta" }, expectedCount: 3, unitId: branch.id } });
    expect(moved.done).toHaveLength(3);
    expect(
      await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(eq(users.branchId, branch.id)),
    ).toEqual([{ n: 3 }]);
    const roled = await bulkUsers({
      ctx: asAdmin(),
      input: { action: "changeRole", filter: { q: "zeta" }, expectedCount: 3, roleId: await roleId(t.db, "purchasing_intermediate") },
    });
    expect(roled.done).toHaveLength(3);
    const limited = makeCtx(t.db, { actor: actorWith(["users.view", "users.permissions"], (await insertUser(t.db)).id) });
    const escalate = await bulkUsers({
      ctx: limited,
      input: { action: "changeRole", filter: { q: "zeta" }, expectedCount: 3, roleId: await roleId(t.db, "administrator") },
    });
    expect(escalate.done).toEqual([]);
    expect(escalate.refused).toHaveLength(3);
  });

  it("deletes with the clients reassigned to one heir; unblock, confirm and invite go through their verbs", async () => {
    const heir = await insertUser(t.db, { firstName: "Hugo", lastName: "Heir" });
    const gone = await insertUser(t.db, { firstName: "Gil", lastName: "Gone" });
    await t.db.insert(clients).values({ name: "Acme", ownerId: gone.id });
    const refused = await bulkUsers({ ctx: asAdmin(), input: { action: "delete", userIds: [gone.id] } });
    expect(refused.refused[0].reason).toMatch(/still has 1 assigned client/);
    const done = await bulkUsers({ ctx: asAdmin(), input: { action: "delete", userIds: [gone.id], reassignClientsTo: heir.id } });
    expect(done.done).toHaveLength(1);
    expect((await t.db.select({ owner: clients.ownerId }).from(clients))[0].owner).toBe(heir.id);

    const pending = await insertUser(t.db, { status: "pending", personalEmail: "p@example.net", firstName: "Pia", lastName: "Pending" });
    const locked = await insertUser(t.db, { lockedAt: new Date(), lockReason: "failed_logins" });
    expect((await bulkUsers({ ctx: asAdmin(), input: { action: "invite", userIds: [pending.id, locked.id] } })).refused.map((r) => r.id)).toEqual([locked.id]);
    expect((await bulkUsers({ ctx: asAdmin(), input: { action: "unblock", userIds: [locked.id] } })).done).toHaveLength(1);
    expect((await bulkUsers({ ctx: asAdmin(), input: { action: "confirm", userIds: [pending.id] } })).done).toHaveLength(1);
    expect(await statuses([pending.id])).toEqual({ [pending.id]: "active" });
  });

  it("counts the users already as asked apart from those done, in the answer and in the bulk action's audit event", async () => {
    const locked = await insertUser(t.db, { firstName: "Lia", lastName: "Locked", lockedAt: new Date(), lockReason: "failed_logins" });
    const free = await insertUser(t.db, { firstName: "Fay", lastName: "Free" });
    const result = await bulkUsers({ ctx: asAdmin(), input: { action: "unblock", userIds: [locked.id, free.id] } });
    expect(result.done.map((d) => d.name)).toEqual(["Lia Locked"]);
    expect(result.unchanged.map((d) => d.name)).toEqual(["Fay Free"]);
    expect(result.refused).toEqual([]);
    const confirm = await bulkUsers({ ctx: asAdmin(), input: { action: "confirm", userIds: [free.id] } });
    expect([confirm.done, confirm.unchanged.map((d) => d.id)]).toEqual([[], [free.id]]);
    const [bulk] = await t.db.select({ detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.action, "users.bulk")).limit(1);
    expect(bulk.detail).toMatchObject({ bulkAction: "unblock", users: 2, done: 1, unchanged: 1, refused: 0 });
  });

  it("refuses an empty selection and a missing role", async () => {
    await expect(bulkUsers({ ctx: asAdmin(), input: { action: "deactivate" } })).rejects.toMatchObject({ code: "validation" });
    await expect(bulkUsers({ ctx: asAdmin(), input: { action: "changeRole", userIds: [admin.id] } })).rejects.toMatchObject({
      fieldErrors: { roleId: ["Choose a role."] },
    });
    await expect(bulkUsers({ ctx: asAdmin(), input: { action: "explode", userIds: [admin.id] } })).rejects.toMatchObject({ code: "validation" });
  });
});
