import { desc, eq, inArray, and } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import { emailOutbox, invitationTokens } from "@/db/schema";
import { assertCan, type Ctx } from "../context";
import { tokenState } from "../tokens/tokens";

/** A user's invitations with their state and the delivery status of their e-mail. Caller needs users.view. */
export async function listInvitations(ctx: Ctx, userId: string) {
  return auditAuthzFailures(ctx, "listInvitations", async () => {
    assertCan(ctx.actor, "users.view");
    const rows = await ctx.db
      .select({
        id: invitationTokens.id,
        delivery: invitationTokens.delivery,
        sentTo: invitationTokens.sentTo,
        createdAt: invitationTokens.createdAt,
        expiresAt: invitationTokens.expiresAt,
        usedAt: invitationTokens.usedAt,
        revokedAt: invitationTokens.revokedAt,
        emailStatus: emailOutbox.status,
        emailError: emailOutbox.lastError,
        emailAttempts: emailOutbox.attempts,
      })
      .from(invitationTokens)
      .leftJoin(emailOutbox, eq(emailOutbox.id, invitationTokens.emailId))
      .where(and(eq(invitationTokens.userId, userId), inArray(invitationTokens.purpose, ["invite", "set_password"])))
      .orderBy(desc(invitationTokens.createdAt));
    const now = ctx.now();
    return rows.map((r) => {
      const state = tokenState(r, now);
      return { ...r, state: state === "valid" ? ("pending" as const) : state };
    });
  });
}
