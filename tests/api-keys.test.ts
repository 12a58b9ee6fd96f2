/**
 * API keys over their life: shown once and stored as a hash, refused once revoked or expired or when
 * their creator is gone, never above their creator; last use written at most once a minute; the
 * per-key rate limit and Idempotency-Key, both kept in PostgreSQL.
 */
import pg from "pg";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { apiKeys, auditEvents, idempotencyKeys, rolePermissions, roles, settings, userPermissions, users } from "@/db/schema";
import { purgeIdempotencyKeys } from "@/lib/api-keys/purge-idempotency-keys";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { hashApiKey } from "@/lib/api-keys/keys";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { apiKeyRoleOptions } from "@/lib/api-keys/role-options";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { makeCtx } from "@/lib/context";
import { listRoles } from "@/lib/roles/list-roles";
import { callApi, serveFromTestDatabase } from "./support/api";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, roleId } from "./support/factories";

const t = testDatabase();
serveFromTestDatabase(() => t.conn);

let admin: Awaited<ReturnType<typeof insertUser>>;
const asAdmin = () => makeCtx(t.db, { actor: actorWith("all", admin.id) });

beforeEach(async () => {
  await resetData(t.db);
  await t.db.update(settings).set({ value: 600 }).where(eq(settings.key, "api.rateLimitPerMinute"));
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
});

const newKey = async (roleKey = "administrator", extra: Record<string, unknown> = {}, ctx = asAdmin()) =>
  createApiKey({ ctx, input: { name: "Sync", roleId: await roleId(t.db, roleKey), ...extra } });

describe("creating and revoking keys", () => {
  it("shows the key once, prefixed rk_, and stores only its SHA-256", async () => {
    const { key, prefix, id } = await newKey();
    expect(key).toMatch(new RegExp(`^rk_${prefix}_[A-Za-z0-9_-]{43}$`));
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    const [listed] = await listApiKeys(asAdmin());
    expect(listed).toMatchObject({ name: "Sync", prefix, role: "Administrator", createdBy: "Ada Admin", state: "active" });
    expect(Object.keys(listed)).not.toContain("keyHash");
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "api_key.created"));
    expect(JSON.stringify(event.detail)).not.toContain(key);
  });

  it("needs api.admin, a role with API access, every permission of the role, and a future expiry", async () => {
    const manager = await insertUser(t.db, { roleKey: "api_administrator" });
    const managerCtx = makeCtx(t.db, { actor: actorWith(["api.admin", "api.access", "users.view"], manager.id) });
    await expect(newKey("administrator", {}, managerCtx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(newKey("basic")).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { roleId: [expect.stringMatching(/does not include API access/)] },
    });
    await expect(newKey("api_basic", { expiresOn: "2000-01-01" })).rejects.toMatchObject({ code: "validation" });
    await expect(newKey("api_basic", {}, makeCtx(t.db, { actor: actorWith(["users.view"], manager.id) }))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("offers the roles with API access in the order /roles lists them, built-in before custom", async () => {
    const [custom] = await t.db.insert(roles).values({ name: "Aardvark sync" }).returning({ id: roles.id });
    await t.db.insert(rolePermissions).values({ roleId: custom.id, permission: "api.access" });
    const offered = (await apiKeyRoleOptions(asAdmin())).map((r) => r.name);
    expect(offered).toContain("Aardvark sync");
    expect(offered.at(-1)).toBe("Aardvark sync");
    expect(offered[0]).toBe("Administrator");
    const listed = (await listRoles(asAdmin())).map((r) => r.name);
    expect(offered).toEqual(listed.filter((name) => offered.includes(name)));
  });

  it("a revoked key is refused on its next request", async () => {
    const { key, id } = await newKey();
    expect((await callApi("GET", "users", { key })).status).toBe(200);
    await revokeApiKey({ ctx: asAdmin(), input: { keyId: id } });
    const res = await callApi("GET", "users", { key });
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toBe("This API key has been revoked.");
    expect((await listApiKeys(asAdmin()))[0].state).toBe("revoked");
  });

  it("is revoked only by its creator or by someone who holds every permission of its role", async () => {
    const { id: adminsKey } = await newKey("administrator");
    const apiAdmin = await insertUser(t.db, { roleKey: "api_administrator", firstName: "Api", lastName: "Admin" });
    const lesser = makeCtx(t.db, { actor: actorWith(["api.access", "api.admin", "users.view"], apiAdmin.id) });
    const { id: ownKey } = await newKey("api_basic", {}, lesser);
    const { id: basicKey } = await newKey("api_basic");
    // The Administrator's integration is not theirs to break; the list says so instead of offering Revoke.
    await expect(revokeApiKey({ ctx: lesser, input: { keyId: adminsKey } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/^You cannot revoke Sync: its role holds permissions you do not \(.+\)\.$/),
    });
    const listed = new Map((await listApiKeys(lesser)).map((k) => [k.id, k.revocable]));
    expect(Object.fromEntries(listed)).toEqual({ [adminsKey]: false, [ownKey]: true, [basicKey]: true });
    expect((await listApiKeys(asAdmin())).every((k) => k.revocable)).toBe(true);
    await revokeApiKey({ ctx: lesser, input: { keyId: ownKey } });
    await revokeApiKey({ ctx: lesser, input: { keyId: basicKey } }); // API Basic holds nothing they lack
    const states = Object.fromEntries((await listApiKeys(asAdmin())).map((k) => [k.id, k.state]));
    expect(states).toEqual({ [adminsKey]: "active", [ownKey]: "revoked", [basicKey]: "revoked" });
    const [fail] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "authz_fail"));
    expect(fail.detail).toMatchObject({ attempted: "apiKey.revoke" });
  });

  it("an expired key is refused", async () => {
    const { key, id } = await newKey();
    await t.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, id));
    const res = await callApi("GET", "users", { key });
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toBe("This API key has expired.");
  });
});

describe("a key never outranks its creator", () => {
  it("is refused once its creator is deactivated or locked", async () => {
    const creator = await insertUser(t.db, { roleKey: "administrator" });
    const { key } = await newKey("api_administrator", {}, makeCtx(t.db, { actor: actorWith("all", creator.id) }));
    expect((await callApi("GET", "users", { key })).status).toBe(200);
    await t.db.update(users).set({ status: "inactive" }).where(eq(users.id, creator.id));
    expect((await callApi("GET", "users", { key })).status).toBe(403);
    await t.db.update(users).set({ status: "active", lockedAt: new Date() }).where(eq(users.id, creator.id));
    expect((await callApi("GET", "users", { key })).status).toBe(403);
  });

  it("loses what its creator loses, on the next request", async () => {
    const creator = await insertUser(t.db, { roleKey: "api_administrator" });
    const { key } = await newKey("api_administrator", {}, makeCtx(t.db, { actor: actorWith("all", creator.id) }));
    const body = {
      firstName: "New",
      lastName: "Person",
      username: "newp",
      email: "newp@example.com",
      roleId: await roleId(t.db, "basic"),
      access: "invite",
      inviteMethod: "link",
    };
    // The creator's role loses users.create: the key can no longer create users, though its own role still says it may.
    await t.db.delete(rolePermissions).where(sql`${rolePermissions.permission} = 'users.create' and ${rolePermissions.roleId} = ${creator.roleId}`);
    const res = await callApi("POST", "users", { key, body });
    expect(res.status).toBe(403);
    expect(await t.db.select().from(users).where(eq(users.username, "newp"))).toEqual([]);
    // When the creator loses API access itself, the key stops, and says it is the creator's loss, not its role's.
    await t.db.insert(userPermissions).values({ userId: creator.id, permission: "api.access", effect: "deny" });
    const stopped = await callApi("GET", "users", { key });
    expect(stopped.status).toBe(403);
    expect((await stopped.json()).detail).toBe("The person who created this API key no longer has API access: ask an administrator for a new key.");
  });
});

describe("last use", () => {
  it("records the time and address, at most once a minute", async () => {
    const { key, id } = await newKey("api_basic");
    await callApi("GET", "users", { key });
    const [first] = await t.db.select({ at: apiKeys.lastUsedAt, ip: apiKeys.lastUsedIp }).from(apiKeys).where(eq(apiKeys.id, id));
    expect(first.ip).toBe("198.51.100.9");
    await callApi("GET", "users", { key, headers: { "x-forwarded-for": "198.51.100.10" } });
    const [second] = await t.db.select({ at: apiKeys.lastUsedAt, ip: apiKeys.lastUsedIp }).from(apiKeys).where(eq(apiKeys.id, id));
    expect(second).toEqual(first);
    await t.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(Date.now() - 61_000) })
      .where(eq(apiKeys.id, id));
    await callApi("GET", "users", { key, headers: { "x-forwarded-for": "198.51.100.10" } });
    const [third] = await t.db.select({ ip: apiKeys.lastUsedIp }).from(apiKeys).where(eq(apiKeys.id, id));
    expect(third.ip).toBe("198.51.100.10");
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the setting, per key, counted in PostgreSQL", async () => {
    await t.db.update(settings).set({ value: 10 }).where(eq(settings.key, "api.rateLimitPerMinute"));
    const { key } = await newKey("api_basic");
    const { key: other } = await newKey("api_basic");
    for (let i = 0; i < 10; i++) expect((await callApi("GET", "roles", { key })).status).toBe(200);
    const limited = await callApi("GET", "roles", { key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect((await limited.json()).type).toBe("https://rollcall.dev/problems/rate-limited");
    expect((await callApi("GET", "roles", { key: other })).status).toBe(200);
    const rows = await t.db.execute<{ count: number }>(sql`select count from rate_limits where key like 'api:%' order by count desc`);
    expect(rows.rows.map((r) => Number(r.count))).toEqual([11, 1]);
  });
});

describe("Idempotency-Key", () => {
  const body = async () => ({
    firstName: "Ida",
    lastName: "Once",
    username: "ida",
    email: "ida@example.com",
    roleId: await roleId(t.db, "basic"),
    access: "invite",
    inviteMethod: "link",
  });

  it("a retry returns the first answer and never a second user; another body with the key is 422", async () => {
    const { key } = await newKey();
    const headers = { "idempotency-key": "create-ida-1" };
    const first = await callApi("POST", "users", { key, body: await body(), headers });
    expect(first.status).toBe(201);
    const again = await callApi("POST", "users", { key, body: await body(), headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(again.headers.get("etag")).toBe(first.headers.get("etag")); // the first answer's, so a PATCH with If-Match can follow
    expect(first.headers.get("etag")).toMatch(/^"\d+"$/);
    const [firstBody, againBody] = [await first.text(), await again.text()];
    expect(againBody).toBe(firstBody); // the same answer, key for key, in the same order
    expect(JSON.parse(firstBody).invitationLink).toMatch(/\/invite\//);
    // The stored answer holds the registration link sealed, never in clear.
    const [stored] = await t.db.select({ body: idempotencyKeys.body }).from(idempotencyKeys);
    expect(JSON.stringify(stored.body)).not.toContain("/invite/");
    expect(JSON.stringify(stored.body)).not.toContain(JSON.parse(firstBody).user.id);
    expect(await t.db.select({ id: users.id }).from(users).where(eq(users.username, "ida"))).toHaveLength(1);
    const other = await callApi("POST", "users", { key, body: { ...(await body()), username: "ida2", email: "ida2@example.com" }, headers });
    expect(other.status).toBe(422);
    expect(await t.db.select({ id: users.id }).from(users).where(eq(users.username, "ida2"))).toHaveLength(0);
  });

  it("a refused request stores no answer, so the corrected retry may reuse the key", async () => {
    const { key } = await newKey();
    const headers = { "idempotency-key": "retry-me" };
    expect((await callApi("POST", "users", { key, body: { ...(await body()), email: "bad" }, headers })).status).toBe(422);
    expect((await callApi("POST", "users", { key, body: { ...(await body()), email: "bad" }, headers })).status).toBe(422);
    expect(await t.db.select().from(idempotencyKeys)).toHaveLength(0);
  });

  it("keys are per API key, refused when malformed, and forgotten after 24 hours", async () => {
    const { key } = await newKey();
    expect((await callApi("POST", "users", { key, body: await body(), headers: { "idempotency-key": "bad key with spaces" } })).status).toBe(400);
    await callApi("POST", "users", { key, body: await body(), headers: { "idempotency-key": "k1" } });
    expect(await purgeIdempotencyKeys(t.db, new Date(Date.now() + 23 * 3600_000))).toBe(0);
    expect(await purgeIdempotencyKeys(t.db, new Date(Date.now() + 25 * 3600_000))).toBe(1);
  });

  // Needs a second connection to hold the first request's lock: PGlite has one, so this runs in the PostgreSQL pass of .ci/run.
  it.skipIf(!process.env.TEST_DATABASE_URL)("while the first request is still running, a retry is 409", async () => {
    const { key, id } = await newKey();
    const holder = new pg.Client({ connectionString: t.conn.url });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock(hashtextextended($1, 727005))", [`${id}:busy`]);
      const res = await callApi("POST", "users", { key, body: await body(), headers: { "idempotency-key": "busy" } });
      expect(res.status).toBe(409);
      expect((await res.json()).detail).toMatch(/still being processed/);
      expect(await t.db.select({ id: users.id }).from(users).where(eq(users.username, "ida"))).toHaveLength(0);
    } finally {
      await holder.end();
    }
  });
});
