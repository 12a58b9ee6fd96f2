import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { selfActor, type Ctx, type Verb } from "../context";
import { DomainError, uniqueViolation } from "../errors";
import { assertIdentityFree, identityConflict } from "./identity";
import { hashPassword } from "../passwords/hash";
import { refinePasswordPair } from "../passwords/policy";
import { Email, parseInput, PersonName, Username } from "../validation";
import { administratorRoleId, anyUserExists } from "./queries";

export const AdministratorInput = z
  .object({
    firstName: PersonName("first name"),
    lastName: PersonName("last name"),
    username: Username,
    email: Email,
    password: z.string(),
    confirmPassword: z.string(),
  })
  .superRefine((data, ctx) => refinePasswordPair(data, ctx, [data.username, data.email, data.firstName, data.lastName]));
export type AdministratorInput = z.input<typeof AdministratorInput>;

const SETUP_LOCK = 727_002;

async function insertAdministrator(tx: Transaction, ctx: Ctx, data: z.output<typeof AdministratorInput>, passwordHash: string) {
  await assertIdentityFree(tx, data);

  const now = ctx.now();
  try {
    const [created] = await tx
      .insert(users)
      .values({
        firstName: data.firstName,
        lastName: data.lastName,
        username: data.username,
        email: data.email,
        roleId: await administratorRoleId(tx),
        status: "active",
        passwordHash,
        passwordChangedAt: now,
        adminConsoleAccess: true,
        registeredAt: now,
        confirmedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName });
    return created;
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint !== null) throw identityConflict(constraint);
    throw error;
  }
}

/**
 * Creates the first Administrator from `/setup`. Anyone may call it, but only while no user
 * exists; two simultaneous calls are serialized and the second is refused.
 */
export async function completeSetup({ ctx, input }: Verb<AdministratorInput>) {
  const data = parseInput(AdministratorInput, input);
  const passwordHash = await hashPassword(data.password);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    if (await anyUserExists(tx)) throw new DomainError("conflict", "Rollcall is already set up. Sign in with an administrator account.");
    const created = await insertAdministrator(tx, ctx, data, passwordHash);
    const actor = selfActor({ id: created.id, name: `${created.firstName} ${created.lastName}`, username: created.username });
    await recordAudit(tx, ctx, "setup.completed", { actor, target: { type: "user", id: created.id, name: actor.name } });
    return created;
  });
}

/**
 * Creates an Administrator from the operator's command line (`rollcall create-admin`). Whoever runs
 * the CLI already holds the database, so it needs no permission, but no other actor may call it.
 */
export async function createAdministrator({ ctx, input }: Verb<AdministratorInput>) {
  if (ctx.actor?.kind !== "cli") throw new DomainError("forbidden", "Only the operator's command line creates administrators this way.");
  const data = parseInput(AdministratorInput, input);
  const passwordHash = await hashPassword(data.password);
  return ctx.db.transaction(async (tx) => {
    const created = await insertAdministrator(tx, ctx, data, passwordHash);
    await recordAudit(tx, ctx, "user.created", {
      target: { type: "user", id: created.id, name: `${created.firstName} ${created.lastName}` },
      detail: { via: "cli", role: "administrator" },
    });
    return created;
  });
}
