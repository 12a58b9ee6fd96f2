import { eq, sql } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { issueToken } from "../tokens/tokens";
import { FormBoolean, parseInput } from "../validation";

export const UnblockUserInput = z.object({ userId: z.uuid("Unknown user."), sendPasswordReset: FormBoolean.default(false) });
export type UnblockUserInput = { userId: unknown; sendPasswordReset?: unknown };

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Unblock user: clears the lock and the failure count, e-mails the user, and optionally sends a
 * password-reset link in the same step. Caller needs users.update and must outrank the user.
 * Their old sessions stay ended (the lock bumped the session version).
 */
export async function unblockUser({ ctx, input }: Verb<UnblockUserInput>) {
  return auditAuthzFailures(ctx, "unblockUser", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId, sendPasswordReset } = parseInput(UnblockUserInput, input);
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "unblock");
      if (!target.lockedAt) return { id: target.id, changed: false };
      const [before] = await tx.select({ lockReason: users.lockReason, failedLoginCount: users.failedLoginCount }).from(users).where(eq(users.id, userId));
      await tx
        .update(users)
        .set({
          lockedAt: null,
          lockReason: null,
          failedLoginCount: 0,
          // Counting inactivity from now, or the next sign-in would lock the account again; not as a
          // sign-in, which it isn't (the user's page would say they signed in as the administrator clicked).
          inactivityFrom: before.lockReason === "inactivity" ? now : undefined,
          updatedAt: now,
          updatedById: actingUserId(actor),
          version: sql`${users.version} + 1`,
          sessionVersion: sql`${users.sessionVersion} + 1`,
        })
        .where(eq(users.id, userId));
      const to = await recipientOf(tx, userId);
      let link: string | null = null;
      if (sendPasswordReset) {
        const issued = await issueToken(tx, {
          userId,
          purpose: "reset_password",
          delivery: "email",
          sentTo: to.email,
          issuedById: actingUserId(actor),
          now,
          ttlMs: RESET_TTL_MS,
        });
        link = issued.link;
      }
      await enqueueEmail(
        tx,
        { address: to.email, userId: userId },
        { template: "notice", props: { kind: "account_unblocked", lang: to.language, organization: to.organization, firstName: to.firstName, link } },
        now,
      );
      await recordAudit(tx, ctx, "user.unblocked", {
        target: { type: "user", id: target.id, name: target.name },
        detail: { reason: before.lockReason, failures: before.failedLoginCount, passwordResetSent: sendPasswordReset },
      });
      return { id: target.id, changed: true };
    });
  });
}
