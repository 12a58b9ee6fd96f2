import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Handle, Transaction } from "@/db/client";
import { emailOutbox, invitationTokens } from "@/db/schema";
import { env } from "../env";

export type TokenPurpose = "invite" | "set_password" | "reset_password" | "change_email";

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A page of the app on the configured public address (never the request's Host). */
export function appLink(path: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}${path}`;
}

/**
 * Drops the e-mails of revoked links that still wait in the outbox: sent later, they would carry a
 * link that no longer works. One being sent holds its row's lock: this waits, then finds it sent and
 * leaves it. The link's row keeps its delivery and address; its e-mail status becomes none.
 */
export async function cancelUnsentEmails(tx: Transaction, revoked: { emailId: string | null }[]) {
  const ids = revoked.flatMap((r) => (r.emailId ? [r.emailId] : []));
  if (ids.length) await tx.delete(emailOutbox).where(and(inArray(emailOutbox.id, ids), eq(emailOutbox.status, "pending")));
}

/** Ends a user's open links of these kinds, and drops their e-mails not yet sent. Returns the rows ended. */
export async function revokeOpenTokens(tx: Transaction, userId: string, kinds: TokenPurpose[], now: Date) {
  const revoked = await tx
    .update(invitationTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(invitationTokens.userId, userId), inArray(invitationTokens.purpose, kinds), isNull(invitationTokens.usedAt), isNull(invitationTokens.revokedAt)),
    )
    .returning({ emailId: invitationTokens.emailId });
  await cancelUnsentEmails(tx, revoked);
  return revoked;
}

/**
 * Ends the links that went to an address the account no longer has, after an edit or an import
 * changed it: every link mailed to the work e-mail (reset, set password) and a pending change of it
 * when the work e-mail moves, the invitations mailed to the personal e-mail when that moves. A
 * shareable invitation link is tied to no address and stays. The links would not open anyway
 * (resetLinkHolds, registrationLinkHolds); ended, the user's page says so and offers a new one.
 */
export async function revokeLinksToMovedAddresses(
  tx: Transaction,
  userId: string,
  changes: { email?: [unknown, unknown]; personalEmail?: [unknown, unknown] },
  now: Date,
) {
  if (changes.email) await revokeOpenTokens(tx, userId, ["reset_password", "set_password", "change_email"], now);
  const previous = changes.personalEmail?.[0];
  if (typeof previous === "string") {
    const revoked = await tx
      .update(invitationTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitationTokens.userId, userId),
          eq(invitationTokens.purpose, "invite"),
          eq(invitationTokens.sentTo, previous),
          isNull(invitationTokens.usedAt),
          isNull(invitationTokens.revokedAt),
        ),
      )
      .returning({ emailId: invitationTokens.emailId });
    await cancelUnsentEmails(tx, revoked);
  }
}

/** The page a token opens. */
export function tokenLink(purpose: TokenPurpose, token: string): string {
  if (purpose === "reset_password") return appLink(`/password/reset/${token}`);
  if (purpose === "change_email") return appLink(`/email/confirm/${token}`);
  return appLink(`/invite/${token}`);
}

/**
 * Issues a single-use link for a user, revoking any earlier open one of the same purpose (a new
 * invitation replaces the old). Returns the token itself, which is never stored: only its SHA-256.
 */
export async function issueToken(
  tx: Transaction,
  {
    userId,
    purpose,
    delivery,
    sentTo,
    issuedById,
    now,
    ttlMs,
  }: { userId: string; purpose: TokenPurpose; delivery: "email" | "link"; sentTo: string | null; issuedById: string | null; now: Date; ttlMs: number },
) {
  const kinds: TokenPurpose[] = purpose === "invite" || purpose === "set_password" ? ["invite", "set_password"] : [purpose];
  const revoked = await revokeOpenTokens(tx, userId, kinds, now);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  const [row] = await tx
    .insert(invitationTokens)
    .values({ userId, purpose, tokenHash: hashToken(token), delivery, sentTo, issuedById, expiresAt, createdAt: now })
    .returning({ id: invitationTokens.id });
  // `replaced`: how many open links of the same kind stopped working (an invitation already shared, say).
  return { id: row.id, token, expiresAt, link: tokenLink(purpose, token), replaced: revoked.length };
}

export type TokenState = "valid" | "used" | "revoked" | "expired" | "unknown";

/** Looks a token up by its hash; `lock` takes the row for the rest of the transaction. */
export async function findToken(db: Handle, token: string, { lock = false } = {}) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const query = db
    .select()
    .from(invitationTokens)
    .where(eq(invitationTokens.tokenHash, hashToken(token)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export function tokenState(row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null, now: Date): TokenState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "valid";
}
