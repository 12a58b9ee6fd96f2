import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Ctx, type Verb } from "../context";
import { PreconditionFailed } from "../errors";
import { assertNotLastAdministrator, assertNotSelf, assertOutranks, loadTargetForUpdate, type Target } from "../permissions/guards";
import { parseInput } from "../validation";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { appLink } from "../tokens/tokens";

export const UserIdInput = z.object({ userId: z.uuid("Unknown user.") });
export type UserIdInput = { userId: unknown };

async function changeStatus(
  ctx: Ctx,
  input: UserIdInput,
  verb: string,
  apply: (tx: Transaction, target: Target) => Promise<{ set: PgUpdateSetSource<typeof users>; action: string } | null>,
) {
  return auditAuthzFailures(ctx, `user.${verb}`, async () => {
  assertCan(ctx.actor, "users.update");
  const actor = ctx.actor;
  const { userId } = parseInput(UserIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const target = await loadTargetForUpdate(tx, userId);
    assertNotSelf(actor, target, verb);
    assertOutranks(actor, target, verb);
    const change = await apply(tx, target);
    if (!change) return { id: target.id, changed: false };
    await tx
      .update(users)
      .set({ ...change.set, updatedAt: ctx.now(), updatedById: actor.userId, version: sql`${users.version} + 1` })
      .where(eq(users.id, target.id));
    await recordAudit(tx, ctx, change.action, { target: { type: "user", id: target.id, name: target.name } });
    return { id: target.id, changed: true };
  });
  });
}

/**
 * Deactivate user: Inactive, every session ends on its next request. Caller needs users.update and
 * must outrank the user; nobody deactivates themselves or the last active Administrator.
 */
export function deactivateUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "deactivate", async (tx, target) => {
    if (target.status === "inactive") return null;
    if (target.status === "pending")
      throw PreconditionFailed(`${target.name} has not registered yet: delete the user or revoke the invitation instead.`);
    await assertNotLastAdministrator(tx, target, "deactivate");
    return { set: { status: "inactive", sessionVersion: sql`${users.sessionVersion} + 1` }, action: "user.deactivated" };
  });
}

/** Reactivate user: an Inactive user becomes Active again. Caller needs users.update and must outrank them. */
export function reactivateUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "reactivate", async (_tx, target) => {
    if (target.status === "active") return null;
    if (target.status === "pending") throw PreconditionFailed(`${target.name} has not registered yet: use Confirm user.`);
    return { set: { status: "active" }, action: "user.reactivated" };
  });
}

/** Confirm user: an administrator activates a Pending user. Caller needs users.update and must outrank them. */
export function confirmUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "confirm", async (tx, target) => {
    if (target.status !== "pending") return null;
    const now = ctx.now();
    const to = await recipientOf(tx, target.id);
    await enqueueEmail(
      tx,
      to.email,
      { template: "notice", props: { kind: "welcome", lang: to.language, organization: to.organization, firstName: to.firstName, link: appLink("/login") } },
      now,
    );
    return { set: { status: "active", confirmedAt: now }, action: "user.confirmed" };
  });
}
