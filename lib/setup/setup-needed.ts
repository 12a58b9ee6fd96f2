import type { Ctx } from "../context";
import { anyUserExists } from "../users/queries";

/** `/setup` exists only while nobody does (anyUserExists). */
export async function setupNeeded(ctx: Pick<Ctx, "db">): Promise<boolean> {
  return !(await anyUserExists(ctx.db));
}
