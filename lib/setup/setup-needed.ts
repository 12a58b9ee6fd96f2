import type { Ctx } from "../context";
import { anyAdministratorExists } from "../users/queries";

/** `/setup` exists only while no Administrator does. */
export async function setupNeeded(ctx: Pick<Ctx, "db">): Promise<boolean> {
  return !(await anyAdministratorExists(ctx.db));
}
