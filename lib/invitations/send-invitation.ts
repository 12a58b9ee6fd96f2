import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { invitationTokens } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, type Ctx } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { ValidationFailed } from "../errors";
import { getSettings } from "../settings/get-settings";
import { issueToken } from "../tokens/tokens";

export type InviteMethod = "email" | "link";

export const longDate = {
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }),
  es: new Intl.DateTimeFormat("es-ES", { dateStyle: "long", timeZone: "UTC" }),
};

/**
 * Issues the registration link of a Pending user on the caller's transaction, revoking any earlier
 * one. By e-mail: the link goes to the personal e-mail address through the outbox. By shareable
 * link: nothing is sent and the link is returned, once, for the administrator to copy.
 */
export async function sendInvitation(tx: Transaction, ctx: Ctx, { userId, userName, method }: { userId: string; userName: string; method: InviteMethod }) {
  const now = ctx.now();
  const settings = await getSettings(tx);
  const to = await recipientOf(tx, userId);
  if (method === "email" && !to.personalEmail) throw ValidationFailed({ personalEmail: ["Enter the personal e-mail address the invitation goes to."] });
  const issued = await issueToken(tx, {
    userId,
    purpose: "invite",
    delivery: method,
    sentTo: method === "email" ? to.personalEmail : null,
    issuedById: actingUserId(ctx.actor) ?? null,
    now,
    ttlMs: settings["invitation.expiryDays"] * 86_400_000,
  });
  if (method === "email") {
    const emailId = await enqueueEmail(
      tx,
      { address: to.personalEmail!, userId: userId },
      {
        template: "invitation",
        props: {
          lang: to.language,
          organization: to.organization,
          firstName: to.firstName,
          inviter: ctx.actor?.name ?? to.organization,
          link: issued.link,
          expiresOn: longDate[to.language].format(issued.expiresAt),
        },
      },
      now,
    );
    await tx.update(invitationTokens).set({ emailId }).where(eq(invitationTokens.id, issued.id));
  }
  await recordAudit(tx, ctx, "user.invited", {
    target: { type: "user", id: userId, name: userName },
    detail: { method, sentTo: method === "email" ? to.personalEmail : null, expiresAt: issued.expiresAt.toISOString() },
  });
  return { tokenId: issued.id, expiresAt: issued.expiresAt, link: method === "link" ? issued.link : null };
}
