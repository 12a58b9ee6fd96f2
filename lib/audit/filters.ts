import { and, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Handle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { fold } from "@/db/schema/fold";
import { dayBounds } from "../reports/report-day";
import { isCalendarDate, OptionalDate, SearchTerm, Text } from "../validation";

/** An empty form field (or a missing parameter) means "no filter". */
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * The audit log's filters, as they arrive in the URL: the user who acted, the user acted on, the
 * action code, a range of days (both ends included) and free text. A refused value is named
 * in the error, so a list page can drop it and say so.
 */
export const AuditFilters = z
  .object({
    actor: z.preprocess(blank, z.uuid("Unknown user.").optional()),
    target: z.preprocess(blank, z.uuid("Unknown user.").optional()),
    action: z.preprocess(blank, Text(100).optional()).transform((v) => v || undefined),
    from: OptionalDate("start date").transform((v) => v ?? undefined),
    to: OptionalDate("end date").transform((v) => v ?? undefined),
    q: SearchTerm.optional().transform((v) => v || undefined),
  })
  .superRefine((f, ctx) => {
    // Days in the wrong order match nothing: say so rather than show an empty log (and export an empty
    // file). Both days are refused, so the page that drops refused filters drops the pair, as it says.
    // One sentence for the pair (the list's notice says it once), and only of two real days: a day
    // refused as not a date is said as such, not also as out of order.
    if (f.from && f.to && isCalendarDate(f.from) && isCalendarDate(f.to) && f.to < f.from)
      for (const path of ["to", "from"]) ctx.addIssue({ code: "custom", path: [path], message: "The end date is before the start date." });
  });
export type AuditFilters = z.output<typeof AuditFilters>;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE clause of the filters; undefined when there are none. The days of `from` and `to` are
 * calendar days in `timeZone` (the organization's, as the end-of-day report counts them).
 */
export function auditFilterWhere(f: AuditFilters, timeZone = "UTC"): SQL | undefined {
  const where: SQL[] = [];
  if (f.actor) where.push(eq(auditEvents.actorId, f.actor));
  if (f.target) where.push(eq(auditEvents.targetId, f.target));
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.from) where.push(gte(auditEvents.at, dayBounds(f.from, timeZone).start));
  if (f.to) {
    // The calendar's last day (9999-12-31) ends in year 10000, past what a timestamp is sent to
    // PostgreSQL as: every event is before it, so it bounds nothing.
    const { end } = dayBounds(f.to, timeZone);
    if (end.getUTCFullYear() <= 9999) where.push(lt(auditEvents.at, end));
  }
  if (f.q) {
    const like = likePattern(f.q);
    where.push(
      or(
        // Names as a reader compares them: "Nunez" finds "Núñez", as the users list's search does.
        sql`${fold(auditEvents.actorName)} like ${fold(sql`${like}`)}`,
        sql`${fold(auditEvents.targetName)} like ${fold(sql`${like}`)}`,
        ilike(auditEvents.action, like),
        sql`host(${auditEvents.ip}) ilike ${like}`,
        sql`${auditEvents.detail}::text ilike ${like}`,
      )!,
    );
  }
  return where.length ? and(...where) : undefined;
}

/** Events strictly older (`before`) or newer (`after`) than the event `id` in (at, id) order; the id's own `at` is read in SQL, at full precision. */
export function beyondCursor(direction: "before" | "after", id: number): SQL {
  const anchor = sql`(select a.at, a.id from audit_events a where a.id = ${id})`;
  const anchorAt = sql`(select a.at from audit_events a where a.id = ${id})`;
  // The first condition lets the planner walk the index on `at`; the second is the exact keyset.
  return direction === "before"
    ? sql`${auditEvents.at} <= ${anchorAt} and (${auditEvents.at}, ${auditEvents.id}) < ${anchor}`
    : sql`${auditEvents.at} >= ${anchorAt} and (${auditEvents.at}, ${auditEvents.id}) > ${anchor}`;
}

/** The columns the log shows and exports. */
export const AUDIT_COLUMNS = {
  id: auditEvents.id,
  at: auditEvents.at,
  action: auditEvents.action,
  actorKind: auditEvents.actorKind,
  actorId: auditEvents.actorId,
  actorName: auditEvents.actorName,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  targetName: auditEvents.targetName,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  detail: auditEvents.detail,
};

/** Up to `limit` events matching `where`, newest first (or oldest first, for a page of newer events). */
export function selectAuditRows(db: Handle, where: SQL | undefined, limit: number, order: "newest" | "oldest" = "newest") {
  const dir = order === "newest" ? sql`desc` : sql`asc`;
  return db
    .select(AUDIT_COLUMNS)
    .from(auditEvents)
    .where(where)
    .orderBy(sql`${auditEvents.at} ${dir}`, sql`${auditEvents.id} ${dir}`)
    .limit(limit);
}

export type AuditRow = Awaited<ReturnType<typeof selectAuditRows>>[number];
