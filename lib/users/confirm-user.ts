import type { Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { appLink } from "../tokens/tokens";
import { changeStatus, type UserIdInput } from "./change-status";

/** Confirm user: an administrator activates a Pending user. Caller needs users.update and must outrank them. */
export function confirmUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "confirm", async (tx, target) => {
    if (target.status !== "pending") return null;
    const now = ctx.now();
    const to = await recipientOf(tx, target.id);
    await enqueueEmail(
      tx,
      to.email,
      { template: "notice", props: { kind: "welcome", lang: to.language, organization: to.organization, firstName: to.firstName, link: appLink("/login") } },
      now,
    );
    return { set: { status: "active", confirmedAt: now }, action: "user.confirmed" };
  });
}
