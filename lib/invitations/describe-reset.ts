import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "../context";
import { findToken } from "../tokens/tokens";
import { resetLinkHolds } from "./password-reset";

/** Whether a reset link can still be used (resetLinkHolds). Public; says nothing about the account. */
export async function resetLinkUsable(ctx: Ctx, token: string): Promise<boolean> {
  const row = await findToken(ctx.db, token);
  if (!row) return false;
  const [user] = await ctx.db
    .select({ status: users.status, email: users.email, passwordChangedAt: users.passwordChangedAt, lockedAt: users.lockedAt })
    .from(users)
    .where(eq(users.id, row.userId));
  return resetLinkHolds(row, user, ctx.now());
}
