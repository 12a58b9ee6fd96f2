import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { invitationTokens, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { parseInput } from "../validation";

/** Revokes an open invitation link. Caller needs users.create. */
export async function revokeInvitation({ ctx, input }: Verb<{ tokenId: unknown }>) {
  assertCan(ctx.actor, "users.create");
  const { tokenId } = parseInput(z.object({ tokenId: z.uuid("Unknown invitation.") }), input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitationTokens)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(invitationTokens.id, tokenId), isNull(invitationTokens.usedAt), isNull(invitationTokens.revokedAt)))
      .returning({ userId: invitationTokens.userId });
    if (!row) throw NotFound("That invitation is no longer open.");
    const [u] = await tx.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, row.userId));
    await recordAudit(tx, ctx, "invitation.revoked", { target: { type: "user", id: row.userId, name: u ? `${u.firstName} ${u.lastName}` : null }, detail: { tokenId } });
    return { userId: row.userId };
  });
}
