/**
 * PGlite has no autovacuum: without ANALYZE its planner knows nothing about the users table and
 * ignores the search index. The migrations end with one, and so do the demo seed and large imports.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeCtx } from "@/lib/context";
import { seedDemo } from "@/lib/demo/seed-demo";
import { ALL_PERMISSIONS } from "@/lib/permissions/catalog";
import { testDatabase } from "./support/db";

const t = testDatabase();
const estimate = async () =>
  Number((await t.db.execute<{ n: number }>(sql`select reltuples::float8 as n from pg_class where oid = 'users'::regclass`)).rows[0].n);

describe("planner statistics", () => {
  it("exist after the migrations (a never-analyzed table reads -1) and are fresh after a demo seed", async () => {
    // PostgreSQL has autovacuum for this; the migrations' ANALYZE is PGlite's.
    if (t.conn.kind === "pglite") expect(await estimate()).toBeGreaterThanOrEqual(0);
    const ctx = makeCtx(t.db, { actor: { kind: "cli", name: "command line", permissions: new Set(ALL_PERMISSIONS) } });
    const [{ n: before }] = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from users`)).rows;
    await seedDemo({ ctx, input: { users: 120 } });
    expect(await estimate()).toBe(before + 120);
    // The demo's dates make sense: nobody registered in the future, or was active before registering.
    const odd = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from users where registered_at > now() or last_activity_at < registered_at or last_activity_at > now()`,
    );
    expect(odd.rows[0].n).toBe(0);
  });
});
