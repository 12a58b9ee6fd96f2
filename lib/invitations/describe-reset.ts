import type { Ctx } from "../context";
import { findToken, tokenState } from "../tokens/tokens";

/** Whether a reset link can still be used. Public; says nothing about the account. */
export async function resetLinkUsable(ctx: Ctx, token: string): Promise<boolean> {
  const row = await findToken(ctx.db, token);
  return !!row && row.purpose === "reset_password" && tokenState(row, ctx.now()) === "valid";
}
