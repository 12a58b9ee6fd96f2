import bcrypt from "bcrypt";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles, users, type NewUser } from "@/db/schema";
import { makeCtx, type Actor, type Ctx, type UserActor } from "@/lib/context";
import { ALL_PERMISSIONS, type Permission } from "@/lib/permissions/catalog";

export const PASSWORD = "correct horse battery staple";
// Cost 4 keeps fixtures fast; verifyPassword reads the cost from the hash, so the path is the same.
const fixtureHash = bcrypt.hashSync(PASSWORD, 4);

let sequence = 0;

export async function roleId(db: Database, key: string): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.key, key));
  return row.id;
}

/** Inserts a user straight into the table: active, allowed in the console, password = PASSWORD. */
export async function insertUser(db: Database, overrides: Partial<NewUser> & { roleKey?: string } = {}) {
  const n = ++sequence;
  const { roleKey = "basic", ...rest } = overrides;
  const [row] = await db
    .insert(users)
    .values({
      firstName: `First${n}`,
      lastName: `Last${n}`,
      username: `user${n}`,
      email: `user${n}@example.com`,
      roleId: await roleId(db, roleKey),
      status: "active",
      passwordHash: fixtureHash,
      passwordChangedAt: new Date(),
      adminConsoleAccess: true,
      registeredAt: new Date(),
      ...rest,
    })
    .returning();
  return row;
}

/** A signed-in user with these permissions; without a user id, the command line holding them. */
export function actorWith(permissions: Permission[] | "all", userId: string | null = null): Actor {
  const set = new Set(permissions === "all" ? ALL_PERMISSIONS : permissions);
  if (!userId) return { kind: "cli", name: "command line", permissions: set };
  return { kind: "user", userId, name: "Test Actor", username: "tester", roleKey: permissions === "all" ? "administrator" : "basic", permissions: set };
}

/** The same, as a user actor (tests that spread it to rename the user). */
export function userActorWith(permissions: Permission[] | "all", userId: string): UserActor {
  return actorWith(permissions, userId) as UserActor;
}

/** A context with a controllable clock. */
export function testCtx(db: Database, parts: Partial<Omit<Ctx, "db">> = {}) {
  let now = new Date("2026-06-01T09:00:00Z");
  const ctx = makeCtx(db, { ip: "203.0.113.7", userAgent: "vitest", now: () => now, ...parts });
  return {
    ctx,
    setNow(value: Date) {
      now = value;
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}
