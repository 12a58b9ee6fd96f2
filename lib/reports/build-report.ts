import { and, count, desc, eq, gte, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { auditEvents, invitationTokens, users } from "@/db/schema";
import { dayBounds, localDate } from "./report-day";
import { fold } from "@/db/schema/fold";

/** The counted actions of the day, each with the audit action it links to. */
export const COUNTED = {
  created: "user.created",
  invited: "user.invited",
  registered: "user.registered",
  confirmed: "user.confirmed",
  updated: "user.updated",
  deactivated: "user.deactivated",
  reactivated: "user.reactivated",
  deleted: "user.deleted",
  unblocked: "user.unblocked",
  locked: "user.locked",
  signIns: "auth.sign_in",
  failedSignIns: "auth.sign_in_failed",
  permissionChanges: "user.permissions_changed",
  permissionCopies: "user.permissions_copied",
  rolesCreated: "role.created",
  roleChanges: "role.updated",
  rolesDeleted: "role.deleted",
  refusals: "authz_fail",
} as const;
export type CountKey = keyof typeof COUNTED;

export interface DailyReport {
  date: string;
  timeZone: string;
  counts: Record<CountKey, number>;
  lockedByReason: Record<string, number>;
  mostFailed: { name: string; count: number }[];
  mostActiveAdministrators: { name: string; count: number }[];
  invitationsOutstanding: number;
  invitationsExpiringSoon: number;
  accountsExpiring: { name: string; on: string }[];
  passwordsExpiring: { name: string; on: string }[];
}

const FORECAST_DAYS = 7;

/**
 * Drizzle's queries run when awaited: these run one after another, because the end-of-day job
 * builds the report inside its transaction, on one connection, which takes one query at a time.
 */
async function oneAfterAnother<const T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const out: unknown[] = [];
  for (const query of queries) out.push(await query);
  return out as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/**
 * One day's report, read from the audit trail (which is append-only, so the same day always gives
 * the same counts) plus a forecast of the week ahead: accounts and passwords that expire in the
 * next 7 days, and invitations still open. Reads only; the caller decides what to do with it.
 */
export async function buildDailyReport(
  db: Handle,
  { date, timeZone, passwordMaxAgeDays }: { date: string; timeZone: string; passwordMaxAgeDays: number },
): Promise<DailyReport> {
  const { start, end } = dayBounds(date, timeZone);
  const inDay = and(gte(auditEvents.at, start), lt(auditEvents.at, end));
  const horizon = new Date(end.getTime() + FORECAST_DAYS * 86_400_000);
  const endDate = end.toISOString().slice(0, 10);
  const horizonDate = horizon.toISOString().slice(0, 10);

  // Invitations open as the day ended: sent by then, and not yet used, revoked or expired then (a
  // past day's report, built later, does not count what came after it).
  const openAtEnd = and(
    eq(invitationTokens.purpose, "invite"),
    lt(invitationTokens.createdAt, end),
    or(isNull(invitationTokens.usedAt), gte(invitationTokens.usedAt, end)),
    or(isNull(invitationTokens.revokedAt), gte(invitationTokens.revokedAt, end)),
    gte(invitationTokens.expiresAt, end),
  );
  const [byAction, locks, failed, actors, outstanding, expiringInvitations, accounts, passwords] = await oneAfterAnother([
    db.select({ action: auditEvents.action, n: count() }).from(auditEvents).where(inDay).groupBy(auditEvents.action),
    db
      .select({ reason: sql<string>`coalesce(${auditEvents.detail}->>'reason', 'other')`, n: count() })
      .from(auditEvents)
      .where(and(inDay, eq(auditEvents.action, "user.locked")))
      .groupBy(sql`1`),
    db
      .select({ name: auditEvents.targetName, n: count() })
      .from(auditEvents)
      .where(and(inDay, eq(auditEvents.action, "auth.sign_in_failed"), isNotNull(auditEvents.targetName)))
      .groupBy(auditEvents.targetName)
      .orderBy(desc(count()), auditEvents.targetName)
      .limit(5),
    db
      .select({ name: auditEvents.actorName, n: count() })
      .from(auditEvents)
      .where(
        and(
          inDay,
          eq(auditEvents.actorKind, "user"),
          sql`${auditEvents.action} not like 'auth.%'`,
          sql`${auditEvents.action} <> 'authz_fail'`,
          sql`${auditEvents.actorId} is distinct from ${auditEvents.targetId}`,
        ),
      )
      .groupBy(auditEvents.actorName)
      .orderBy(desc(count()), auditEvents.actorName)
      .limit(5),
    db.select({ n: count() }).from(invitationTokens).where(openAtEnd),
    db
      .select({ n: count() })
      .from(invitationTokens)
      .where(and(openAtEnd, lt(invitationTokens.expiresAt, horizon))),
    db
      .select({ first: users.firstName, last: users.lastName, on: users.accountExpiresOn })
      .from(users)
      .where(and(eq(users.status, "active"), gte(users.accountExpiresOn, endDate), lte(users.accountExpiresOn, horizonDate)))
      .orderBy(users.accountExpiresOn, fold(users.lastName), fold(users.firstName))
      .limit(50),
    passwordMaxAgeDays > 0
      ? db
          .select({ first: users.firstName, last: users.lastName, changed: users.passwordChangedAt })
          .from(users)
          .where(
            and(
              eq(users.status, "active"),
              isNull(users.lockedAt),
              gte(users.passwordChangedAt, new Date(end.getTime() - passwordMaxAgeDays * 86_400_000)),
              lt(users.passwordChangedAt, new Date(horizon.getTime() - passwordMaxAgeDays * 86_400_000)),
            ),
          )
          .orderBy(users.passwordChangedAt)
          .limit(50)
      : Promise.resolve([]),
  ]);

  const actionCounts = new Map(byAction.map((r) => [r.action, Number(r.n)]));
  const counts = Object.fromEntries(Object.entries(COUNTED).map(([key, action]) => [key, actionCounts.get(action) ?? 0])) as Record<CountKey, number>;
  return {
    date,
    timeZone,
    counts,
    lockedByReason: Object.fromEntries(locks.map((r) => [r.reason, Number(r.n)])),
    mostFailed: failed.map((r) => ({ name: r.name ?? "", count: Number(r.n) })),
    mostActiveAdministrators: actors.map((r) => ({ name: r.name ?? "", count: Number(r.n) })),
    invitationsOutstanding: Number(outstanding[0]?.n ?? 0),
    invitationsExpiringSoon: Number(expiringInvitations[0]?.n ?? 0),
    accountsExpiring: accounts.map((r) => ({ name: `${r.first} ${r.last}`, on: r.on ?? "" })),
    passwordsExpiring: passwords.map((r) => ({
      name: `${r.first} ${r.last}`,
      // The day it expires where the report is read (its time zone), as every day in it is.
      on: localDate(new Date(r.changed!.getTime() + passwordMaxAgeDays * 86_400_000), timeZone),
    })),
  };
}
