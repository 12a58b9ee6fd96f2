import type { Verb } from "../context";
import { PreconditionFailed } from "../errors";
import { changeStatus, type UserIdInput } from "./change-status";

/** Reactivate user: an Inactive user becomes Active again. Caller needs users.update and must outrank them. */
export function reactivateUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "reactivate", async (_tx, target) => {
    if (target.status === "active") return null;
    if (target.status === "pending") throw PreconditionFailed(`${target.name} has not registered yet: use Confirm user.`);
    return { set: { status: "active" }, action: "user.reactivated" };
  });
}
