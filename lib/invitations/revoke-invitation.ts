import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { invitationTokens } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { cancelUnsentEmails } from "../tokens/tokens";
import { parseInput } from "../validation";

/**
 * Revokes an open invitation link. Caller needs users.create and must outrank the invitee, as for
 * resending: nobody cancels the invitation of someone who will hold more than they do.
 */
export async function revokeInvitation({ ctx, input }: Verb<{ tokenId: unknown }>) {
  return auditAuthzFailures(ctx, "revokeInvitation", async () => {
    assertCan(ctx.actor, "users.create");
    const actor = ctx.actor;
    const { tokenId } = parseInput(z.object({ tokenId: z.uuid("Unknown invitation.") }), input);
    return ctx.db.transaction(async (tx) => {
      const open = and(eq(invitationTokens.id, tokenId), isNull(invitationTokens.usedAt), isNull(invitationTokens.revokedAt));
      const [token] = await tx.select({ userId: invitationTokens.userId }).from(invitationTokens).where(open);
      if (!token) throw NotFound("That invitation is no longer open.");
      const target = await loadTargetForUpdate(tx, token.userId);
      assertOutranks(actor, target, "revoke the invitation of");
      const [row] = await tx
        .update(invitationTokens)
        .set({ revokedAt: ctx.now() })
        .where(open)
        .returning({ id: invitationTokens.id, emailId: invitationTokens.emailId });
      if (!row) throw NotFound("That invitation is no longer open.");
      await cancelUnsentEmails(tx, [row]);
      await recordAudit(tx, ctx, "invitation.revoked", { target: { type: "user", id: target.id, name: target.name }, detail: { tokenId } });
      return { userId: target.id };
    });
  });
}
