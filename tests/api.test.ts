/**
 * The REST API end to end through its route handlers: every endpoint, and every refusal a caller
 * can meet (no key, wrong scope, outranking, the last administrator, a stale If-Match, assigned
 * clients, bad bodies and queries). The handlers run against the test database.
 */
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, branches, clients, rolePermissions, roles, settings, teams, userPermissions, users } from "@/db/schema";
import { actorWith } from "./support/factories";
import { callApi, makeKey, serveFromTestDatabase } from "./support/api";
import { resetData, testDatabase } from "./support/db";
import { insertUser, roleId } from "./support/factories";

const t = testDatabase();
serveFromTestDatabase(() => t.conn);

let admin: Awaited<ReturnType<typeof insertUser>>;
let adminKey: string;
let basicKey: string;

beforeEach(async () => {
  await resetData(t.db);
  await t.db.update(settings).set({ value: 600 }).where(eq(settings.key, "api.rateLimitPerMinute"));
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin", username: "ada" });
  const adminActor = actorWith("all", admin.id);
  adminKey = await makeKey(t.conn, adminActor, await roleId(t.db, "administrator"), "Payroll sync");
  basicKey = await makeKey(t.conn, adminActor, await roleId(t.db, "api_basic"), "Read-only reports");
});

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { type: string; status: number; detail: string; errors?: { path: string; detail: string }[]; clients?: unknown[] };
}

const newUser = async (extra: Record<string, unknown> = {}) => ({
  firstName: "María",
  lastName: "González",
  username: "mgonzalez",
  email: "maria@example.com",
  roleId: await roleId(t.db, "basic"),
  access: "password",
  password: "Tr1cky-Horse-Battery-Staple",
  ...extra,
});

const userCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(users))[0].n;

describe("authentication", () => {
  it("refuses a request without a key, with a forged or malformed key, and ignores cookies", async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Bearer rk_00000000_" + "A".repeat(43) },
      { authorization: "Basic YWRhOnNlY3JldA==" },
      { cookie: "authjs.session-token=abc" },
    ];
    for (const headers of variants) {
      const res = await callApi("GET", "users", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await problem(res)).toMatchObject({ type: "https://rollcall.dev/problems/unauthenticated", title: "Unauthenticated" });
    }
  });

  it("names the key in the audit trail, as an API key acting for its creator", async () => {
    const res = await callApi("POST", "users", { key: adminKey, body: await newUser() });
    expect(res.status).toBe(201);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.created"));
    expect(event).toMatchObject({ actorKind: "apiKey", actorId: admin.id, actorName: "API key “Payroll sync”", ip: "198.51.100.9" });
  });
});

describe("users", () => {
  it("holds a key to its creator's rules about their own account: it can't deactivate, delete or demote them", async () => {
    await insertUser(t.db, { roleKey: "administrator", username: "second.admin" }); // not the last administrator
    for (const [method, path, body, said] of [
      ["POST", `users/${admin.id}/deactivate`, undefined, "You cannot deactivate yourself."],
      ["DELETE", `users/${admin.id}`, undefined, "You cannot delete yourself."],
      ["PATCH", `users/${admin.id}`, { status: "inactive" }, "You cannot deactivate yourself."],
      ["PATCH", `users/${admin.id}`, { roleId: await roleId(t.db, "basic") }, "You cannot change your own role."],
    ] as const) {
      const res = await callApi(method, path, { key: adminKey, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await problem(res)).detail).toBe(said);
    }
    const [me] = await t.db.select({ status: users.status, roleId: users.roleId }).from(users).where(eq(users.id, admin.id));
    expect(me).toEqual({ status: "active", roleId: await roleId(t.db, "administrator") });
    // What a person may do to their own account, their key may too.
    expect((await callApi("PATCH", `users/${admin.id}`, { key: adminKey, body: { position: "Owner" } })).status).toBe(200);
  });

  it("holds a narrow key to outranking on its creator's account: it can't change their e-mail, team or permissions", async () => {
    const [narrow] = await t.db.insert(roles).values({ name: "Directory sync" }).returning({ id: roles.id });
    await t.db
      .insert(rolePermissions)
      .values(["api.access", "users.view", "users.update", "users.permissions"].map((permission) => ({ roleId: narrow.id, permission })));
    const key = await makeKey(t.conn, actorWith("all", admin.id), narrow.id, "Directory sync");
    const [team] = await t.db.insert(teams).values({ name: "Night shift" }).returning({ id: teams.id });
    for (const [method, path, body] of [
      ["PATCH", `users/${admin.id}`, { email: "someone.else@example.net" }],
      ["PATCH", `users/${admin.id}`, { teamId: team.id }],
    ] as const) {
      const res = await callApi(method, path, { key, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(403);
      expect((await problem(res)).detail).toMatch(/^You cannot edit Ada Admin: they hold permissions you do not/);
    }
    const denial = await callApi("PUT", `users/${admin.id}/permissions`, { key, body: { overrides: { "api.access": "deny" } } });
    expect(denial.status).toBe(403);
    expect((await problem(denial)).detail).toBe("You cannot change your own role or permissions.");
    const [me] = await t.db.select({ email: users.email, teamId: users.teamId }).from(users).where(eq(users.id, admin.id));
    expect(me).toEqual({ email: admin.email, teamId: null });
    expect(await t.db.select().from(userPermissions).where(eq(userPermissions.userId, admin.id))).toEqual([]);
  });

  it("refuses a key whose creator lost the admin console: without it they hold nothing, and neither does the key", async () => {
    await t.db.update(users).set({ adminConsoleAccess: false }).where(eq(users.id, admin.id));
    const res = await callApi("GET", "users", { key: adminKey });
    expect(res.status).toBe(403);
    expect((await problem(res)).detail).toBe("The person who created this API key no longer has API access: ask an administrator for a new key.");
    // Given back, the key works again on its next request.
    await t.db.update(users).set({ adminConsoleAccess: true }).where(eq(users.id, admin.id));
    expect((await callApi("GET", "users", { key: adminKey })).status).toBe(200);
  });

  it("creates a user with a password (201, Location, ETag) and never returns a hash", async () => {
    const res = await callApi("POST", "users", { key: adminKey, body: await newUser({ phone: "+507 6123 4567", adminConsoleAccess: false }) });
    expect(res.status).toBe(201);
    const { user, invitationLink } = await res.json();
    expect(res.headers.get("location")).toBe(`/api/v1/users/${user.id}`);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(user).toMatchObject({ username: "mgonzalez", status: "active", phone: "+50761234567", notifyGeneral: true, role: { name: "Basic" } });
    expect(invitationLink).toBeNull();
    expect(JSON.stringify(user)).not.toMatch(/\$2[aby]\$|passwordHash/);
  });

  it("names members called like built-in properties (toString, __proto__) as unknown, in the body and the query", async () => {
    for (const name of ["toString", "constructor", "hasOwnProperty", "valueOf", "__proto__"]) {
      const body = JSON.stringify({ ...(await newUser()), [name]: 1 }).replace(/^\{/, `{"${name}":1,`);
      const res = await callApi("POST", "users", { key: adminKey, raw: body, headers: { "Content-Type": "application/json" } });
      expect(res.status, name).toBe(422);
      expect((await problem(res)).errors!.find((e) => e.path === name)?.detail, name).toBe("Unknown field: remove it.");
      const query = await callApi("GET", `users?${name}=1`, { key: adminKey });
      expect(query.status, name).toBe(400);
      expect((await problem(query)).errors!.find((e) => e.path === name)?.detail, name).toBe("Unknown query parameter: remove it.");
    }
  });

  it("creates a Pending user with an invitation link", async () => {
    const res = await callApi("POST", "users", { key: adminKey, body: await newUser({ access: "invite", inviteMethod: "link", password: undefined }) });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user.status).toBe("pending");
    expect(body.invitationLink).toMatch(/\/invite\//);
  });

  it("refuses a field the chosen access would leave unused (a password with an invitation), and writes nothing", async () => {
    const res = await callApi("POST", "users", {
      key: adminKey,
      body: await newUser({ access: "invite", inviteMethod: "link", password: "quartz lantern orbit meadow 2026" }),
    });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors).toEqual([{ path: "password", detail: "Leave out password with access=invite: the user sets their own." }]);
    const other = await callApi("POST", "users", { key: adminKey, body: await newUser({ inviteMethod: "email" }) });
    expect((await problem(other)).errors).toEqual([{ path: "inviteMethod", detail: "Leave out inviteMethod with access=password: nobody is invited." }]);
    const inactive = await callApi("POST", "users", {
      key: adminKey,
      body: await newUser({ access: "invite", inviteMethod: "link", password: undefined, status: "inactive" }),
    });
    expect((await problem(inactive)).errors).toEqual([
      { path: "status", detail: "Leave out status with access=invite: an invited user is pending until they register." },
    ]);
    expect(await userCount()).toBe(1);
  });

  it("refuses a status sent for a user who hasn't registered (it would be ignored), and changes nothing", async () => {
    const pending = await insertUser(t.db, { status: "pending" });
    for (const status of ["inactive", "active"]) {
      const res = await callApi("PATCH", `users/${pending.id}`, { key: adminKey, body: { status, position: "Clerk" } });
      expect(res.status, status).toBe(422);
      expect((await problem(res)).errors![0].path).toBe("status");
    }
    const [row] = await t.db.select({ status: users.status, position: users.position, version: users.version }).from(users).where(eq(users.id, pending.id));
    expect(row).toEqual({ status: "pending", position: null, version: pending.version });
  });

  it("says what a value of the wrong type should be, in words, not the validator's", async () => {
    const res = await callApi("POST", "users", { key: adminKey, body: await newUser({ password: 12345678901234, country: 5 }) });
    expect((await problem(res)).errors).toEqual(
      expect.arrayContaining([
        { path: "password", detail: "Send the password as a string." },
        { path: "country", detail: "Use a two-letter country code, such as PA or ES." },
      ]),
    );
    const overrides = await callApi("PUT", `users/${admin.id}/permissions`, { key: adminKey, body: { overrides: 5 } });
    expect((await problem(overrides)).errors).toEqual([{ path: "overrides", detail: 'An object of permission names, such as {"users.view": "grant"}.' }]);
  });

  it("refuses invalid fields with 422 and each field's path, and writes nothing", async () => {
    const res = await callApi("POST", "users", { key: adminKey, body: await newUser({ email: "not-an-email", nickname: "Mary", password: "short" }) });
    expect(res.status).toBe(422);
    const body = await problem(res);
    const paths = body.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "nickname"]));
    expect(body.errors!.find((e) => e.path === "nickname")!.detail).toBe("Unknown field: remove it.");
    expect(await userCount()).toBe(1);
  });

  it("reads one user with its ETag, and 404s an unknown or malformed id", async () => {
    const res = await callApi("GET", `users/${admin.id}`, { key: basicKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${admin.version}"`);
    expect((await callApi("GET", "users/00000000-0000-4000-8000-000000000000", { key: basicKey })).status).toBe(404);
    expect((await callApi("GET", "users/1%20or%201=1", { key: basicKey })).status).toBe(404);
  });

  it("pages by cursor with a stable order, and filters", async () => {
    for (let i = 0; i < 7; i++) await insertUser(t.db, { lastName: "Zeta", firstName: `P${i}`, status: i % 2 ? "inactive" : "active" });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await callApi("GET", `users?q=zeta&limit=3${cursor ? `&cursor=${cursor}` : ""}`, { key: basicKey });
      expect(res.status).toBe(200);
      const body: { data: { id: string; firstName: string }[]; nextCursor: string | null } = await res.json();
      seen.push(...body.data.map((u) => u.firstName));
      if (body.nextCursor) expect(res.headers.get("link")).toContain('rel="next"');
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(["P0", "P1", "P2", "P3", "P4", "P5", "P6"]);

    const inactive = await (await callApi("GET", "users?status=inactive&sort=createdAt&dir=desc", { key: basicKey })).json();
    expect(inactive.data.map((u: { firstName: string }) => u.firstName).sort()).toEqual(["P1", "P3", "P5"]);
  });

  it("refuses bad query parameters with 400, and treats SQL-looking search as text", async () => {
    for (const query of [
      "limit=0",
      "limit=abc",
      "sort=password",
      "status=deleted",
      "bogus=1",
      "cursor=%%%",
      "cursor=eyJ4IjoxfQ",
      "q=" + "a".repeat(10_000),
      "limit=1&limit=2",
    ]) {
      const res = await callApi("GET", `users?${query}`, { key: basicKey });
      expect(res.status, query.slice(0, 30)).toBe(400);
      expect((await problem(res)).errors?.length, query.slice(0, 30)).toBeGreaterThan(0);
    }
    // A count is digits, and a bad one gets one message.
    for (const [query, said] of [
      ["limit=99999999999999999999", "Ask for at most 200 users."],
      ["limit=", "Enter a whole number of users, like 50."],
      ["limit=1e2", "Enter a whole number of users, like 50."],
      ["limit=-1", "Enter a whole number of users, like 50."],
    ]) {
      const bad = await problem(await callApi("GET", `users?${query}`, { key: basicKey }));
      expect(bad.errors, query).toEqual([{ path: "limit", detail: said }]);
    }
    const res = await callApi("GET", `users?q=${encodeURIComponent("' or 1=1; drop table users; --")}`, { key: basicKey });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toEqual([]);
    expect(await userCount()).toBe(1);
  });

  it("a cursor from another sort is refused", async () => {
    await insertUser(t.db);
    const first = await (await callApi("GET", "users?limit=1", { key: basicKey })).json();
    const res = await callApi("GET", `users?limit=1&sort=email&cursor=${first.nextCursor}`, { key: basicKey });
    expect(res.status).toBe(400);
  });

  it("updates only the fields sent; a stale If-Match is 412 and changes nothing", async () => {
    const target = await insertUser(t.db, { firstName: "Bea", phone: "+50761234567" });
    const stale = await callApi("PATCH", `users/${target.id}`, { key: adminKey, body: { position: "Cashier" }, headers: { "if-match": '"7"' } });
    expect(stale.status).toBe(412);
    expect((await problem(stale)).type).toBe("https://rollcall.dev/problems/precondition-failed");
    const ok = await callApi("PATCH", `users/${target.id}`, { key: adminKey, body: { position: "Cashier" }, headers: { "if-match": `"${target.version}"` } });
    expect(ok.status).toBe(200);
    const user = await ok.json();
    expect(user).toMatchObject({ firstName: "Bea", position: "Cashier", phone: "+50761234567", version: target.version + 1 });
    expect(ok.headers.get("etag")).toBe(`"${target.version + 1}"`);
    const again = await callApi("PATCH", `users/${target.id}`, {
      key: adminKey,
      body: { position: "Manager" },
      headers: { "if-match": `"${target.version}"` },
    });
    expect(again.status).toBe(412);
    expect((await callApi("PATCH", `users/${target.id}`, { key: adminKey, body: { role: "administrator" } })).status).toBe(422);
    const [row] = await t.db.select({ position: users.position }).from(users).where(eq(users.id, target.id));
    expect(row.position).toBe("Cashier");
  });

  it("a stale or weak If-Match refuses a delete or a deactivation with 412; the current one lets it through with the new ETag", async () => {
    const target = await insertUser(t.db);
    const stale = { "if-match": `"${target.version + 3}"` };
    expect((await callApi("DELETE", `users/${target.id}`, { key: adminKey, headers: stale })).status).toBe(412);
    expect((await callApi("POST", `users/${target.id}/deactivate`, { key: adminKey, headers: stale })).status).toBe(412);
    const weak = await callApi("PATCH", `users/${target.id}`, { key: adminKey, body: { position: "X" }, headers: { "if-match": `W/"${target.version}"` } });
    expect(weak.status).toBe(412);
    const done = await callApi("POST", `users/${target.id}/deactivate`, { key: adminKey, headers: { "if-match": `"${target.version}"` } });
    expect(done.status).toBe(200);
    const etag = done.headers.get("etag");
    expect(etag).toBe(`"${(await done.json()).version}"`);
    expect((await callApi("DELETE", `users/${target.id}`, { key: adminKey, headers: { "if-match": etag! } })).status).toBe(204);
  });

  it("without If-Match, overlapping PATCHes all land: each one's fields win, none clobbers the others'", async () => {
    const target = await insertUser(t.db, { firstName: "Cai" });
    const fields = [
      { position: "Clerk" },
      { phone: "+50761112222" },
      { firstName: "Caio" },
      { lastName: "Moreno" },
      { username: "cai.moreno" },
      { language: "es" },
    ];
    const answers = await Promise.all(fields.map((body) => callApi("PATCH", `users/${target.id}`, { key: adminKey, body })));
    expect(answers.map((r) => r.status)).toEqual(fields.map(() => 200));
    const user = await (await callApi("GET", `users/${target.id}`, { key: adminKey })).json();
    expect(user).toMatchObject({ position: "Clerk", phone: "+50761112222", firstName: "Caio", lastName: "Moreno", username: "cai.moreno", language: "es" });
    expect(user.version).toBe(target.version + fields.length);
  });

  it("deactivates, reactivates, confirms, unblocks and re-invites through the same verbs", async () => {
    const target = await insertUser(t.db);
    expect((await (await callApi("POST", `users/${target.id}/deactivate`, { key: adminKey })).json()).status).toBe("inactive");
    expect((await (await callApi("POST", `users/${target.id}/reactivate`, { key: adminKey })).json()).status).toBe("active");
    await t.db.update(users).set({ lockedAt: new Date(), lockReason: "failed_logins" }).where(eq(users.id, target.id));
    const unblocked = await callApi("POST", `users/${target.id}/unblock`, { key: adminKey, body: { sendPasswordReset: true } });
    expect((await unblocked.json()).locked).toBeNull();
    const pending = await insertUser(t.db, { status: "pending", personalEmail: "p@example.net" });
    const invited = await callApi("POST", `users/${pending.id}/invite`, { key: adminKey, body: { method: "link" } });
    expect((await invited.json()).invitationLink).toMatch(/\/invite\//);
    expect((await (await callApi("POST", `users/${pending.id}/confirm`, { key: adminKey })).json()).status).toBe("active");
    const refused = await callApi("POST", `users/${pending.id}/invite`, { key: adminKey });
    expect(refused.status).toBe(412);
  });

  it("refuses to deactivate or delete the last active Administrator", async () => {
    // A key made on the command line: the administrator is not its creator's own account.
    const cliKey = await makeKey(t.conn, actorWith("all"), await roleId(t.db, "administrator"), "Provisioning");
    const res = await callApi("POST", `users/${admin.id}/deactivate`, { key: cliKey });
    expect(res.status).toBe(412);
    expect((await problem(res)).detail).toMatch(/last active Administrator/);
    expect((await callApi("DELETE", `users/${admin.id}`, { key: cliKey })).status).toBe(412);
  });

  it("refuses a key whose role does not allow the action (403, audited) and one that would act above it", async () => {
    const target = await insertUser(t.db);
    const res = await callApi("POST", `users/${target.id}/deactivate`, { key: basicKey });
    expect(res.status).toBe(403);
    const [fail] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "authz_fail"));
    expect(fail).toMatchObject({ actorKind: "apiKey", actorName: "API key “Read-only reports”" });

    // A key that may not act at all hears 403 whatever its body lacks, not the body's field errors.
    for (const [method, path, body] of [
      ["POST", "users", { delivery: "email" }],
      ["PATCH", `users/${target.id}`, { nope: 1 }],
      ["PUT", `users/${target.id}/permissions`, "not an object"],
      ["POST", "roles", {}],
      ["PATCH", `branches/${target.id}`, { name: 7 }],
    ] as const) {
      const refused = await callApi(method, path, { key: basicKey, body, headers: method === "PATCH" ? { "If-Match": '"1"' } : {} });
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "authz_fail"))).toHaveLength(6);

    const apiAdminKey = await makeKey(t.conn, actorWith("all", admin.id), await roleId(t.db, "api_administrator"), "Provisioning");
    const otherAdmin = await insertUser(t.db, { roleKey: "administrator" });
    const outranked = await callApi("POST", `users/${otherAdmin.id}/deactivate`, { key: apiAdminKey });
    expect(outranked.status).toBe(403);
    expect((await problem(outranked)).detail).toMatch(/hold permissions you do not/);
    const escalate = await callApi("POST", "users", { key: apiAdminKey, body: await newUser({ roleId: await roleId(t.db, "administrator") }) });
    expect(escalate.status).toBe(403);
    expect(await userCount()).toBe(3);
  });

  it("reads and sets per-user permissions", async () => {
    const target = await insertUser(t.db);
    const before = await (await callApi("GET", `users/${target.id}/permissions`, { key: basicKey })).json();
    expect(before.permissions).not.toContain("orders");
    const res = await callApi("PUT", `users/${target.id}/permissions`, { key: adminKey, body: { overrides: { orders: "grant" } } });
    expect(res.status).toBe(200);
    expect((await res.json()).grants).toEqual(["orders"]);
    const bad = await callApi("PUT", `users/${target.id}/permissions`, { key: adminKey, body: { overrides: { "root.everything": "grant" } } });
    expect(bad.status).toBe(422);
  });
});

describe("clients and deleting a user who has some", () => {
  it("creates, reads, updates, lists and deletes clients; external ids are unique", async () => {
    const owner = await insertUser(t.db);
    const created = await callApi("POST", "clients", { key: adminKey, body: { name: "Acme Corp", externalId: "CRM-1", ownerId: owner.id } });
    expect(created.status).toBe(201);
    const client = await created.json();
    expect(client).toMatchObject({ name: "Acme Corp", externalId: "CRM-1", owner: { id: owner.id } });
    const dup = await callApi("POST", "clients", { key: adminKey, body: { name: "Other", externalId: "CRM-1", ownerId: owner.id } });
    expect(dup.status).toBe(409);
    expect((await problem(dup)).errors).toEqual([{ path: "externalId", detail: "Another client already has this external id." }]);
    const renamed = await callApi("PATCH", `clients/${client.id}`, { key: adminKey, body: { name: "Acme Corporation" } });
    expect((await renamed.json()).name).toBe("Acme Corporation");
    const listed = await (await callApi("GET", `clients?owner=${owner.id}`, { key: basicKey })).json();
    expect(listed.data.map((c: { name: string }) => c.name)).toEqual(["Acme Corporation"]);
    expect((await callApi("POST", "clients", { key: basicKey, body: { name: "X", ownerId: owner.id } })).status).toBe(403);
    expect((await callApi("DELETE", `clients/${client.id}`, { key: adminKey })).status).toBe(204);
    expect((await callApi("GET", `clients/${client.id}`, { key: adminKey })).status).toBe(404);
  });

  it("refuses to delete a user with clients (409 with the list) until they are reassigned", async () => {
    const owner = await insertUser(t.db);
    const heir = await insertUser(t.db);
    await t.db.insert(clients).values([
      { name: "Globex", ownerId: owner.id, externalId: "G-1" },
      { name: "Acme", ownerId: owner.id },
    ]);
    const refused = await callApi("DELETE", `users/${owner.id}`, { key: adminKey });
    expect(refused.status).toBe(409);
    const body = await problem(refused);
    expect(body.clients).toEqual([expect.objectContaining({ name: "Acme", externalId: null }), expect.objectContaining({ name: "Globex", externalId: "G-1" })]);
    const inactiveHeir = await insertUser(t.db, { status: "inactive" });
    expect((await callApi("DELETE", `users/${owner.id}?reassignClientsTo=${inactiveHeir.id}`, { key: adminKey })).status).toBe(422);
    expect((await callApi("DELETE", `users/${owner.id}?reassignClientsTo=${heir.id}`, { key: adminKey })).status).toBe(204);
    const owners = await t.db.select({ owner: clients.ownerId }).from(clients);
    expect(owners.every((c) => c.owner === heir.id)).toBe(true);
  });

  it("changes or deletes a client only for a caller who outranks its owner, as reassigning them all", async () => {
    const [editors] = await t.db.insert(roles).values({ name: "Client editors" }).returning({ id: roles.id });
    await t.db.insert(rolePermissions).values(["api.access", "users.view", "users.update"].map((permission) => ({ roleId: editors.id, permission })));
    const clerk = await insertUser(t.db, { roleId: editors.id, firstName: "Cleo", lastName: "Clerk" });
    const key = await makeKey(t.conn, actorWith("all", clerk.id), editors.id, "Clerk's sync");
    const [ours, theirs] = await t.db
      .insert(clients)
      .values([
        { name: "Ours", ownerId: clerk.id },
        { name: "The Administrator's", ownerId: admin.id },
      ])
      .returning({ id: clients.id });
    for (const [method, body, verb] of [
      ["PATCH", { ownerId: clerk.id }, "change"],
      ["PATCH", { name: "Renamed" }, "change"],
      ["DELETE", undefined, "delete"],
    ] as const) {
      const res = await callApi(method, `clients/${theirs.id}`, { key, body });
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(403);
      expect((await problem(res)).detail).toMatch(new RegExp(`^You cannot ${verb} the clients of Ada Admin: they hold permissions you do not`));
    }
    expect(await t.db.select({ name: clients.name, ownerId: clients.ownerId }).from(clients).where(eq(clients.id, theirs.id))).toEqual([
      { name: "The Administrator's", ownerId: admin.id },
    ]);
    // Their own, and anyone's they outrank, as before.
    expect((await callApi("PATCH", `clients/${ours.id}`, { key, body: { name: "Ours, renamed" } })).status).toBe(200);
    expect((await callApi("DELETE", `clients/${ours.id}`, { key })).status).toBe(204);
  });

  it("reassigns all of a user's clients in one step", async () => {
    const owner = await insertUser(t.db);
    const heir = await insertUser(t.db, { firstName: "Hugo", lastName: "Heir" });
    await t.db.insert(clients).values([
      { name: "One", ownerId: owner.id },
      { name: "Two", ownerId: owner.id },
    ]);
    const res = await callApi("POST", `users/${owner.id}/clients/reassign`, { key: adminKey, body: { toUserId: heir.id } });
    expect(await res.json()).toEqual({ moved: 2, to: { id: heir.id, name: "Hugo Heir" } });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "client.reassigned"));
    expect(event.detail).toMatchObject({ clients: 2, to: "Hugo Heir" });
  });
});

describe("roles, branches and teams", () => {
  it("lists and reads with a read-only key; writes need the permission", async () => {
    const roles = await (await callApi("GET", "roles", { key: basicKey })).json();
    expect(roles.data.map((r: { name: string }) => r.name)).toContain("API Basic");
    const one = await (await callApi("GET", `roles/${roles.data[0].id}`, { key: basicKey })).json();
    expect(one.id).toBe(roles.data[0].id);
    expect((await callApi("POST", "roles", { key: basicKey, body: { name: "Auditors", permissions: ["audit.view"] } })).status).toBe(403);
    const role = await callApi("POST", "roles", { key: adminKey, body: { name: "Auditors", description: "", permissions: ["audit.view"] } });
    expect(role.status).toBe(201);
    const { id } = await role.json();
    const patched = await callApi("PATCH", `roles/${id}`, { key: adminKey, body: { permissions: ["audit.view", "users.view"] } });
    expect((await patched.json()).permissions.sort()).toEqual(["audit.view", "users.view"]);
    // A PATCH without permissions keeps them; a lone string is not a list.
    expect((await (await callApi("PATCH", `roles/${id}`, { key: adminKey, body: { description: "Read-only" } })).json()).permissions.sort()).toEqual([
      "audit.view",
      "users.view",
    ]);
    // A rename keeps the description; two changes of different fields at once both stand.
    expect(await (await callApi("PATCH", `roles/${id}`, { key: adminKey, body: { name: "Auditors 2" } })).json()).toMatchObject({
      name: "Auditors 2",
      description: "Read-only",
    });
    await Promise.all([
      callApi("PATCH", `roles/${id}`, { key: adminKey, body: { name: "Auditors 3" } }),
      callApi("PATCH", `roles/${id}`, { key: adminKey, body: { permissions: ["audit.view"] } }),
    ]);
    expect(await (await callApi("GET", `roles/${id}`, { key: adminKey })).json()).toMatchObject({
      name: "Auditors 3",
      description: "Read-only",
      permissions: ["audit.view"],
    });
    for (const [method, path] of [
      ["POST", "roles"],
      ["PATCH", `roles/${id}`],
    ] as const) {
      const single = await callApi(method, path, { key: adminKey, body: { name: "Readers", permissions: "users.view" } });
      expect(single.status, method).toBe(422);
      expect((await problem(single)).errors).toEqual([{ path: "permissions", detail: 'A list of permission names, such as ["users.view"].' }]);
    }
    const unnamed = await (await callApi("POST", "roles", { key: adminKey, body: { name: "No permissions" } })).json();
    expect(unnamed.permissions).toEqual([]);
    expect((await callApi("DELETE", `roles/${unnamed.id}`, { key: adminKey })).status).toBe(204);
    expect((await callApi("DELETE", `roles/${id}`, { key: adminKey })).status).toBe(204);

    for (const plural of ["branches", "teams"]) {
      expect((await callApi("POST", plural, { key: basicKey, body: { name: "Colón" } })).status).toBe(403);
      const created = await callApi("POST", plural, { key: adminKey, body: { name: "Colón" } });
      expect(created.status).toBe(201);
      const unit = await created.json();
      expect(unit).toMatchObject({ name: "Colón", members: 0 });
      expect((await (await callApi("GET", plural, { key: basicKey })).json()).data).toHaveLength(1);
      expect((await (await callApi("PATCH", `${plural}/${unit.id}`, { key: adminKey, body: { name: "David" } })).json()).name).toBe("David");
      expect((await callApi("DELETE", `${plural}/${unit.id}`, { key: adminKey })).status).toBe(204);
    }
  });
});

describe("methods", () => {
  it("answers a method an endpoint doesn't take with 405 in problem+json and the Allow header", async () => {
    const res = await callApi("PUT", "users", { key: adminKey, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    // Titled as the server's own 405 (an unknown method, TRACE) is.
    expect(await problem(res)).toMatchObject({ title: "Method Not Allowed", detail: "This endpoint does not take PUT: it takes GET, POST, HEAD, OPTIONS." });
    const one = await callApi("POST", "users/00000000-0000-0000-0000-000000000000/deactivate", { key: adminKey });
    expect(one.status).not.toBe(405); // a method it takes: on to the endpoint (here, an unknown user)
    const put = await callApi("PUT", "users/00000000-0000-0000-0000-000000000000", { key: adminKey, body: {} });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, PATCH, DELETE, HEAD, OPTIONS"]);
    const options = await callApi("OPTIONS", "users");
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, POST, HEAD, OPTIONS"]);
  });
});

describe("bodies the API refuses", () => {
  it("malformed JSON, a wrong content type, a non-object, a missing or oversized body, a body where none belongs", async () => {
    const cases: [string, string, Parameters<typeof callApi>[2], number][] = [
      ["POST", "users", { raw: "{not json", headers: { "content-type": "application/json" } }, 400],
      ["POST", "users", { raw: JSON.stringify(await newUser()), headers: { "content-type": "text/plain" } }, 415],
      ["POST", "users", { raw: "[1,2]", headers: { "content-type": "application/json" } }, 422],
      ["POST", "users", { raw: "null", headers: { "content-type": "application/json" } }, 422],
      ["POST", "users", {}, 400],
      ["POST", "users", { body: { ...(await newUser()), firstName: "x".repeat(1_100_000) } }, 413],
      ["POST", `users/${admin.id}/deactivate`, { body: { reason: "x" } }, 400],
      // Not UTF-8, or another charset: refused, never stored with "�" in place of what was sent.
      [
        "POST",
        "branches",
        { raw: new Uint8Array([...Buffer.from('{"name":"bad'), 0xff, 0xfe, ...Buffer.from('"}')]), headers: { "content-type": "application/json" } },
        400,
      ],
      ["POST", "branches", { raw: '{"name":"café"}', headers: { "content-type": "application/json; charset=iso-8859-1" } }, 415],
      ["POST", "branches", { raw: '{"name":"\\ud800"}', headers: { "content-type": "application/json" } }, 422],
      ["POST", "branches", { raw: '{"name":"\\u200b\\u200b"}', headers: { "content-type": "application/json" } }, 422],
    ];
    for (const [method, url, call, status] of cases) {
      const res = await callApi(method, url, { key: adminKey, ...call });
      expect(res.status, `${method} ${url} ${String(call?.raw ?? "").slice(0, 20)}`).toBe(status);
      await problem(res);
    }
    expect(await userCount()).toBe(1);
    expect(await t.db.select().from(branches)).toEqual([]);
  });
});
