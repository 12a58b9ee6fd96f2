import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, rolePermissions, roles } from "@/db/schema";
import { deleteUnit } from "@/lib/organization/delete-unit";
import { listUnits } from "@/lib/organization/list-units";
import { saveUnit } from "@/lib/organization/save-unit";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, testCtx } from "./support/factories";

const t = testDatabase();
beforeEach(() => resetData(t.db));
const manager = () => testCtx(t.db, { actor: actorWith(["branches.manage"]) }).ctx;

describe.each(["branch", "team"] as const)("%s", (kind) => {
  it("is created, renamed and listed with its member count", async () => {
    const { id } = await saveUnit({ ctx: manager(), input: { kind, name: "  Madrid " } });
    expect(await saveUnit({ ctx: manager(), input: { kind, id, name: "Madrid Norte" } })).toEqual({ id, changed: true });
    // The same name again (spaces aside) changes nothing and records nothing.
    expect(await saveUnit({ ctx: manager(), input: { kind, id, name: " Madrid Norte " } })).toEqual({ id, changed: false });
    await insertUser(t.db, kind === "branch" ? { branchId: id } : { teamId: id });
    expect(await listUnits({ ctx: manager(), input: { kind } })).toEqual([{ id, name: "Madrid Norte", members: 1 }]);
    const actions = (await t.db.select({ a: auditEvents.action }).from(auditEvents)).map((e) => e.a);
    expect(actions).toEqual([`${kind}.created`, `${kind}.renamed`]);
  });

  it("counts each one's members, none where nobody belongs, and users without one nowhere", async () => {
    const { id: a } = await saveUnit({ ctx: manager(), input: { kind, name: "Alpha" } });
    const { id: b } = await saveUnit({ ctx: manager(), input: { kind, name: "Beta" } });
    const { id: c } = await saveUnit({ ctx: manager(), input: { kind, name: "Gamma" } });
    const into = (id: string | null) => (kind === "branch" ? { branchId: id } : { teamId: id });
    for (const id of [a, a, a, c, null, null]) await insertUser(t.db, into(id));
    expect(await listUnits({ ctx: manager(), input: { kind } })).toEqual([
      { id: a, name: "Alpha", members: 3 },
      { id: b, name: "Beta", members: 0 },
      { id: c, name: "Gamma", members: 1 },
    ]);
  });

  it("refuses a duplicate name whatever its case, and an empty name", async () => {
    await saveUnit({ ctx: manager(), input: { kind, name: "Sales" } });
    await expect(saveUnit({ ctx: manager(), input: { kind, name: "SALES" } })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { name: [expect.stringMatching(/already exists/)] },
    });
    await expect(saveUnit({ ctx: manager(), input: { kind, name: "   " } })).rejects.toMatchObject({ code: "validation" });
  });

  it("refuses a name that differs only by its accents, naming the one that exists, on create and rename", async () => {
    await saveUnit({ ctx: manager(), input: { kind, name: "Bogotá" } });
    const { id } = await saveUnit({ ctx: manager(), input: { kind, name: "Medellín" } });
    for (const input of [
      { kind, name: "Bogota" },
      { kind, id, name: "BOGOTA" },
    ])
      await expect(saveUnit({ ctx: manager(), input })).rejects.toMatchObject({
        code: "conflict",
        fieldErrors: { name: [`A ${kind} named “Bogotá” already exists.`] },
      });
    // Its own name in another spelling is a rename, not a clash with itself.
    expect(await saveUnit({ ctx: manager(), input: { kind, id, name: "Medellin" } })).toMatchObject({ changed: true });
  });

  it("refuses deletion while users belong to it, with the count", async () => {
    const { id } = await saveUnit({ ctx: manager(), input: { kind, name: "Lisboa" } });
    await insertUser(t.db, kind === "branch" ? { branchId: id } : { teamId: id });
    await insertUser(t.db, kind === "branch" ? { branchId: id } : { teamId: id });
    await expect(deleteUnit({ ctx: manager(), input: { kind, id } })).rejects.toThrow(/^2 users still belong to Lisboa/);
  });

  it("deletes an empty one", async () => {
    const { id } = await saveUnit({ ctx: manager(), input: { kind, name: "Empty" } });
    await deleteUnit({ ctx: manager(), input: { kind, id } });
    expect(await listUnits({ ctx: manager(), input: { kind } })).toEqual([]);
  });

  it("refuses callers without branches.manage", async () => {
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"]) }).ctx;
    await expect(saveUnit({ ctx, input: { kind, name: "X" } })).rejects.toMatchObject({ code: "forbidden" });
    const { id } = await saveUnit({ ctx: manager(), input: { kind, name: "Y" } });
    await expect(deleteUnit({ ctx, input: { kind, id } })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("userFormOptions (the pickers of the users list and the user form, one query)", () => {
  it("lists roles built-in first with the Administrator first, then by name; branches and teams by name", async () => {
    const { userFormOptions } = await import("@/lib/users/form-options");
    for (const name of ["Zeta", "Alpha"]) {
      await saveUnit({ ctx: manager(), input: { kind: "branch", name } });
      await saveUnit({ ctx: manager(), input: { kind: "team", name: `${name} team` } });
    }
    await t.db.insert(roles).values([{ name: "Zebra keepers" }, { name: "Auditors" }]);
    const options = await userFormOptions(testCtx(t.db, { actor: actorWith(["users.view"]) }).ctx);
    expect(options.branches.map((b) => b.name)).toEqual(["Alpha", "Zeta"]);
    expect(options.teams.map((b) => b.name)).toEqual(["Alpha team", "Zeta team"]);
    expect(options.roles[0]).toMatchObject({ name: "Administrator", builtIn: true });
    const firstCustom = options.roles.findIndex((r) => !r.builtIn);
    expect(options.roles.slice(firstCustom).map((r) => r.name)).toEqual(["Auditors", "Zebra keepers"]);
    const builtIns = options.roles.filter((r) => r.builtIn).map((r) => r.name);
    expect(builtIns.slice(1)).toEqual([...builtIns.slice(1)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(Object.keys(options.roles[0]).sort()).toEqual(["builtIn", "id", "name"]);
    expect(Object.keys(options.branches[0]).sort()).toEqual(["id", "name"]);
  });

  it("names the roles the reader may not give (holding a permission they lack), none for whoever holds everything", async () => {
    const { userFormOptions } = await import("@/lib/users/form-options");
    const [auditors] = await t.db.insert(roles).values({ name: "Log readers" }).returning({ id: roles.id });
    const [viewers] = await t.db.insert(roles).values({ name: "List viewers" }).returning({ id: roles.id });
    await t.db.insert(rolePermissions).values([
      { roleId: auditors.id, permission: "audit.view" },
      { roleId: viewers.id, permission: "users.view" },
    ]);
    const hr = await userFormOptions(testCtx(t.db, { actor: actorWith(["users.view", "users.create", "users.update"]) }).ctx);
    const name = (id: string) => hr.roles.find((r) => r.id === id)?.name;
    expect(hr.ungivable.map(name)).toEqual(expect.arrayContaining(["Administrator", "Log readers"]));
    expect(hr.ungivable.map(name)).not.toContain("List viewers");
    expect((await userFormOptions(testCtx(t.db, { actor: actorWith("all") }).ctx)).ungivable).toEqual([]);
  });
});
