import { and, eq, gte, isNotNull, isNull, lt, lte, notInArray, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { importJobs, invitationTokens, sessions, users } from "@/db/schema";
import { COOKIE_MAX_AGE_SECONDS } from "../auth/config";
import { getSettings } from "../settings/get-settings";
import { recordAudit } from "../audit/record-audit";
import type { Ctx } from "../context";
import { lockInactiveUsers } from "../security/lock-inactive-users";
import { purgeIdempotencyKeys } from "../api-keys/purge-idempotency-keys";
import { dayBounds, nextDay } from "./report-day";

/**
 * The end-of-day sweeps, as the system actor, in the run's transaction: the inactivity lock,
 * invitations that expired during the day (recorded, so the trail and the report show them), and
 * accounts whose expiration date has come (recorded, and their sessions ended); and forgets
 * Idempotency-Key answers past their 24 hours.
 */
export async function runSweeps(tx: Transaction, ctx: Ctx, { date, timeZone }: { date: string; timeZone: string }) {
  const { start, end } = dayBounds(date, timeZone);
  const { locked } = await lockInactiveUsers({ ctx: { ...ctx, db: tx as never } });

  const expiredInvitations = await tx
    .select({ id: invitationTokens.id, userId: invitationTokens.userId, first: users.firstName, last: users.lastName })
    .from(invitationTokens)
    .innerJoin(users, eq(users.id, invitationTokens.userId))
    .where(
      and(
        eq(invitationTokens.purpose, "invite"),
        isNull(invitationTokens.usedAt),
        isNull(invitationTokens.revokedAt),
        gte(invitationTokens.expiresAt, start),
        lt(invitationTokens.expiresAt, end),
      ),
    );
  for (const inv of expiredInvitations)
    await recordAudit(tx, ctx, "invitation.expired", {
      target: { type: "user", id: inv.userId, name: `${inv.first} ${inv.last}` },
      detail: { tokenId: inv.id },
    });

  // Accounts whose last day was the report's day or earlier, still Active and not yet recorded.
  const expiredAccounts = await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(
      and(
        eq(users.status, "active"),
        lte(users.accountExpiresOn, nextDay(date)),
        sql`not exists (select 1 from audit_events e where e.target_id = ${users.id} and e.action = 'user.expired' and (e.detail->>'on') = ${users.accountExpiresOn}::text)`,
      ),
    )
    .returning({ id: users.id, first: users.firstName, last: users.lastName, on: users.accountExpiresOn });
  for (const u of expiredAccounts)
    await recordAudit(tx, ctx, "user.expired", { target: { type: "user", id: u.id, name: `${u.first} ${u.last}` }, detail: { on: u.on } });

  // Idempotency-Key answers are kept 24 hours.
  await purgeIdempotencyKeys(tx, ctx.now());
  // Session rows: ended ones after a day, and ones no cookie can still carry (unseen past the cookie's lifetime).
  await tx
    .delete(sessions)
    .where(
      or(
        lt(sessions.endedAt, new Date(ctx.now().getTime() - 86_400_000)),
        lt(sessions.lastSeenAt, new Date(ctx.now().getTime() - COOKIE_MAX_AGE_SECONDS * 1000)),
      ),
    );
  // Uploaded spreadsheets are kept for the retention period; the import's record and counts stay.
  const retentionDays = (await getSettings(tx))["import.fileRetentionDays"];
  await tx
    .update(importJobs)
    .set({ file: null, fileDeletedAt: ctx.now() })
    .where(
      and(
        isNotNull(importJobs.file),
        lt(importJobs.createdAt, new Date(ctx.now().getTime() - retentionDays * 86_400_000)),
        notInArray(importJobs.status, ["previewing", "committing"]),
      ),
    );

  return { locked, expiredInvitations: expiredInvitations.length, expiredAccounts: expiredAccounts.length };
}
