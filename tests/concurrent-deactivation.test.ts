import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Connection, type Database } from "@/db/client";
import { roles, users } from "@/db/schema";
import { isDomainError } from "@/lib/errors";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { resetData, testDatabase } from "./support/db";
import { insertUser, testCtx, userActorWith } from "./support/factories";

/**
 * Two Administrators, and no other, deactivate each other at the same moment: one wins, the other is
 * told they would remove the last active Administrator. Never a deadlock, never a server error.
 */
const t = testDatabase();
const onPostgres = !!process.env.TEST_DATABASE_URL;
const ROUNDS = 7;

let second: Connection | undefined;
beforeAll(() => {
  // A second pool on the same database: each side runs on its own server connection.
  if (onPostgres) second = openPostgres(t.conn.url!, 2);
});
afterAll(async () => {
  await second?.close();
});

/** Two Administrators A and B; A acts through `dbA`, B through `dbB`. */
async function race(dbA: Database, dbB: Database) {
  await resetData(t.db);
  const a = await insertUser(t.db, { roleKey: "administrator", firstName: "Alice", lastName: "Admin" });
  const b = await insertUser(t.db, { roleKey: "administrator", firstName: "Bob", lastName: "Admin" });
  const asA = testCtx(dbA, { actor: { ...userActorWith("all", a.id), name: "Alice Admin", username: a.username } }).ctx;
  const asB = testCtx(dbB, { actor: { ...userActorWith("all", b.id), name: "Bob Admin", username: b.username } }).ctx;
  const results = await Promise.allSettled([deactivateUser({ ctx: asA, input: { userId: b.id } }), deactivateUser({ ctx: asB, input: { userId: a.id } })]);
  return { a, b, results };
}

async function expectOneWinner({ results }: Awaited<ReturnType<typeof race>>) {
  const fulfilled = results.filter((r) => r.status === "fulfilled");
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect(fulfilled).toHaveLength(1);
  expect(rejected).toHaveLength(1);
  const error = rejected[0].reason as unknown;
  // A deadlock or any other database failure would arrive as a plain error (a 500), not a refusal.
  expect(isDomainError(error), String(error)).toBe(true);
  expect(error).toMatchObject({ code: "precondition_failed", status: 412 });
  expect((error as Error).message).toMatch(/last active Administrator/);
  const active = await t.db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(roles.key, "administrator"), eq(users.status, "active")));
  expect(active).toHaveLength(1);
}

describe("two Administrators deactivating each other at once", () => {
  it.runIf(onPostgres)(`on two PostgreSQL connections, ${ROUNDS} rounds: always one success and one refusal`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await expectOneWinner(await race(t.db, second!.db));
    }
  });

  it("on one connection (PGlite, or one pool): one success and one refusal", async () => {
    await expectOneWinner(await race(t.db, t.db));
  });
});
