import { z } from "zod";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { PreconditionFailed } from "../errors";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { parseInput } from "../validation";
import { sendInvitation } from "./send-invitation";

export const ResendInvitationInput = z.object({
  userId: z.uuid("Unknown user."),
  method: z.enum(["email", "link"], "Choose how to send the invitation."),
});

/**
 * Resend invitation: a new link for a Pending user (the previous one stops working). Caller needs
 * users.create and must outrank the user.
 */
export async function resendInvitation({ ctx, input }: Verb<{ userId: unknown; method: unknown }>) {
  return auditAuthzFailures(ctx, "resendInvitation", async () => {
    assertCan(ctx.actor, "users.create");
    const actor = ctx.actor;
    const { userId, method } = parseInput(ResendInvitationInput, input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      assertOutranks(actor, target, "invite");
      if (target.status !== "pending") throw PreconditionFailed(`${target.name} has already registered: there is nothing to invite them to.`);
      return sendInvitation(tx, ctx, { userId, userName: target.name, method });
    });
  });
}
