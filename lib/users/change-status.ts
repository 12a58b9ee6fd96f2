import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { auditAuthzFailures } from "../audit/authz-failures";
import { actingUserId, assertCan, ownAccountOf, type Ctx } from "../context";
import { assertNotSelf, assertOutranks, loadTargetForUpdate, type Target } from "../permissions/guards";
import { parseInput } from "../validation";

export const UserIdInput = z.object({ userId: z.uuid("Unknown user.") });
export type UserIdInput = { userId: unknown };

/** The shared shape of a status change: permission, self and rank checks, one transaction, one audit event. */
export async function changeStatus(
  ctx: Ctx,
  input: UserIdInput,
  verb: string,
  apply: (tx: Transaction, target: Target) => Promise<{ set: PgUpdateSetSource<typeof users>; action: string; detail?: Record<string, unknown> } | null>,
) {
  return auditAuthzFailures(ctx, `user.${verb}`, async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId } = parseInput(UserIdInput, input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      // Reactivating or confirming the account you are signed in with (Active) asks for what already
      // is: unchanged, as for anyone else, rather than refused (a bulk run over a list with you in it).
      if (ownAccountOf(actor) === target.id && target.status === "active" && verb !== "deactivate") return { id: target.id, changed: false };
      assertNotSelf(actor, target, verb);
      assertOutranks(actor, target, verb);
      const change = await apply(tx, target);
      if (!change) return { id: target.id, changed: false };
      await tx
        .update(users)
        .set({ ...change.set, updatedAt: ctx.now(), updatedById: actingUserId(actor), version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
      await recordAudit(tx, ctx, change.action, {
        target: { type: "user", id: target.id, name: target.name },
        ...(change.detail ? { detail: change.detail } : {}),
      });
      return { id: target.id, changed: true };
    });
  });
}
