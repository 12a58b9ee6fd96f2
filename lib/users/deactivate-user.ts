import { sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Verb } from "../context";
import { PreconditionFailed } from "../errors";
import { assertNotLastAdministrator } from "../permissions/guards";
import { revokeOpenTokens } from "../tokens/tokens";
import { changeStatus, type UserIdInput } from "./change-status";

/**
 * Deactivate user: Inactive, every session ends on its next request. Caller needs users.update and
 * must outrank the user; nobody deactivates themselves or the last active Administrator.
 */
export function deactivateUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "deactivate", async (tx, target) => {
    if (target.status === "inactive") return null;
    if (target.status === "pending") throw PreconditionFailed(`${target.name} has not registered yet: delete the user or revoke the invitation instead.`);
    await assertNotLastAdministrator(tx, target, "deactivate", ctx.now());
    await revokeOpenTokens(tx, target.id, ["reset_password", "change_email", "set_password", "invite"], ctx.now()); // a reactivation must not bring them back
    return { set: { status: "inactive", sessionVersion: sql`${users.sessionVersion} + 1` }, action: "user.deactivated" };
  });
}
