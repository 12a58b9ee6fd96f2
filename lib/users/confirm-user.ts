import { eq, sql } from "drizzle-orm";
import { invitationTokens, users } from "@/db/schema";
import { actingUserId, type Verb } from "../context";
import { PreconditionFailed } from "../errors";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { longDate } from "../invitations/send-invitation";
import { getSettings } from "../settings/get-settings";
import { appLink, issueToken } from "../tokens/tokens";
import { changeStatus, type UserIdInput } from "./change-status";

/**
 * Confirm user: an administrator activates a Pending user. Caller needs users.update and must outrank them.
 * One with no password yet (their invitation unused, revoked or expired) would be Active with no way
 * to sign in: their welcome carries a link to choose one instead (it replaces any open invitation link).
 */
export function confirmUser({ ctx, input }: Verb<UserIdInput>) {
  return changeStatus(ctx, input, "confirm", async (tx, target) => {
    // Confirming activates a Pending user: an Inactive one stays as is, and the caller hears why.
    if (target.status === "inactive") throw PreconditionFailed(`${target.name} is inactive, not pending: use Reactivate user.`);
    if (target.status !== "pending") return null;
    const now = ctx.now();
    const to = await recipientOf(tx, target.id);
    const [{ hasPassword }] = await tx
      .select({ hasPassword: sql<boolean>`${users.passwordHash} is not null` })
      .from(users)
      .where(eq(users.id, target.id));
    const notice = { lang: to.language, organization: to.organization, firstName: to.firstName };
    const confirmed = { status: "active" as const, confirmedAt: now };
    if (hasPassword) {
      await enqueueEmail(
        tx,
        { address: to.email, userId: target.id },
        { template: "notice", props: { ...notice, kind: "welcome", link: appLink("/login") } },
        now,
      );
    } else {
      const settings = await getSettings(tx);
      const issued = await issueToken(tx, {
        userId: target.id,
        purpose: "set_password",
        delivery: "email",
        sentTo: to.email,
        issuedById: actingUserId(ctx.actor) ?? null,
        now,
        ttlMs: settings["invitation.expiryDays"] * 86_400_000,
      });
      const emailId = await enqueueEmail(
        tx,
        { address: to.email, userId: target.id },
        { template: "notice", props: { ...notice, kind: "welcome_set_password", link: issued.link, detail: longDate[to.language].format(issued.expiresAt) } },
        now,
      );
      await tx.update(invitationTokens).set({ emailId }).where(eq(invitationTokens.id, issued.id));
      // The trail says a link went out, and whether it took the place of an open invitation (one
      // the administrator may have shared by hand, which stops working).
      return { set: confirmed, action: "user.confirmed", detail: { welcome: issued.replaced ? "set_password_replacing" : "set_password" } };
    }
    return { set: confirmed, action: "user.confirmed" };
  });
}
