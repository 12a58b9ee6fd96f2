import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeCtx, SYSTEM_ACTOR } from "@/lib/context";
import { DEMO_COUNTRIES, seedDemo } from "@/lib/demo/seed-demo";
import { ALL_PERMISSIONS } from "@/lib/permissions/catalog";
import { lockInactiveUsers } from "@/lib/security/lock-inactive-users";
import { toE164 } from "@/lib/users/phone";
import { testDatabase } from "./support/db";

// A demo user's phone number must pass the checks a real one does: one that doesn't blocks every
// later edit of that user (the form and the API check the phone number again on save).
describe("demo users' phone numbers", () => {
  it("are valid for their country under every prefix the seed uses", () => {
    for (const country of DEMO_COUNTRIES) {
      const free = country.digits - country.lead.length;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10 ** free - 1 }), (n) => {
          const number = `${country.dial}${country.lead}${String(n).padStart(free, "0")}`;
          expect(toE164(number, country.code)).toBe(number);
        }),
        { seed: 20261201, numRuns: 2_000 },
      );
    }
  });
});

// A demo is an organization that has been running: its daily sweep has already locked the
// accounts idle past the limit, so the list's Locked filter finds them (it did not, once: 159 of
// 300 demo users read Active until the first end-of-day run).
describe("a demo seed", () => {
  const t = testDatabase();

  it("leaves nothing for the daily inactivity sweep, and locks some accounts for each reason", async () => {
    const ctx = makeCtx(t.db, { actor: { kind: "cli", name: "command line", permissions: new Set(ALL_PERMISSIONS) } });
    await seedDemo({ ctx, input: { users: 300, seed: 7 } });
    const reasons = await t.db.execute<{ reason: string; n: number; misdated: number }>(
      sql`select lock_reason as reason, count(*)::int as n,
                 count(*) filter (where locked_at > now() or locked_at < coalesce(last_login_at, registered_at, created_at))::int as misdated
          from users where locked_at is not null group by lock_reason order by lock_reason`,
    );
    expect(reasons.rows.map((r) => r.reason)).toEqual(["failed_logins", "inactivity"]);
    for (const r of reasons.rows) {
      expect(r.n).toBeGreaterThan(0);
      expect(r.misdated).toBe(0);
    }
    expect(await lockInactiveUsers({ ctx: makeCtx(t.db, { actor: SYSTEM_ACTOR }) })).toEqual({ locked: 0 });
    // Last sign-ins spread over time: once a dozen shared the seed's very minute (a clamp to now).
    const [{ most }] = (
      await t.db.execute<{ most: number }>(
        sql`select max(n)::int as most from (select count(*) as n from users where last_login_at is not null group by last_login_at) as moments`,
      )
    ).rows;
    expect(most).toBeLessThanOrEqual(3);
  });
});
