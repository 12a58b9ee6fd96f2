import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { reportRuns } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { NotFound, PreconditionFailed } from "../errors";
import { getSettings } from "../settings/get-settings";
import { OptionalDate, parseInput } from "../validation";
import { buildDailyReport, type DailyReport } from "./build-report";
import { localDate } from "./report-day";

/** The reports sent so far, newest first. Caller needs audit.view. */
export async function listReports({ ctx }: Verb<Record<string, never>>) {
  return auditAuthzFailures(ctx, "listReports", async () => {
    assertCan(ctx.actor, "audit.view");
    const rows = await ctx.db
      .select({ date: reportRuns.reportDate, status: reportRuns.status, finishedAt: reportRuns.finishedAt, detail: reportRuns.detail })
      .from(reportRuns)
      .orderBy(desc(reportRuns.reportDate))
      .limit(366);
    return rows.map((r) => ({
      date: r.date,
      status: r.status,
      sentAt: r.finishedAt,
      recipients: (r.detail as { recipients?: number } | null)?.recipients ?? null,
    }));
  });
}

/**
 * One day's report: as it was sent, or — for an ended day not sent yet — as it would be now.
 * Caller needs audit.view. A malformed date is not found; a day that has not ended is refused as such.
 */
/** The earliest day a report is read for (the day picker's min): earlier is the 404 page. */
export const FIRST_REPORT_DAY = "1970-01-01";

export async function getReport({
  ctx,
  input,
}: Verb<{ date: unknown }>): Promise<{ sent: boolean; sentAt: Date | null; recipients: number | null; report: DailyReport }> {
  return auditAuthzFailures(ctx, "getReport", async () => {
    assertCan(ctx.actor, "audit.view");
    const { date } = parseInput(z.object({ date: OptionalDate("report date") }), input);
    // No organization ran Rollcall before 1970; the report's day arithmetic (a password's age, 120
    // days back) would leave the calendar PostgreSQL keeps for 0001-01-01.
    if (!date || date < FIRST_REPORT_DAY) throw NotFound();
    const [run] = await ctx.db.select().from(reportRuns).where(eq(reportRuns.reportDate, date));
    if (run?.status === "done" && run.detail) {
      const detail = run.detail as { report: DailyReport; recipients: number };
      return { sent: true, sentAt: run.finishedAt, recipients: detail.recipients, report: detail.report };
    }
    const settings = await getSettings(ctx.db);
    // Said as such (the page tells the reader to come back after midnight), not as a missing page.
    if (date >= localDate(ctx.now(), settings["organization.timeZone"])) throw PreconditionFailed("That day has not ended yet.");
    const report = await buildDailyReport(ctx.db, { date, timeZone: settings["organization.timeZone"], passwordMaxAgeDays: settings["password.maxAgeDays"] });
    return { sent: false, sentAt: null, recipients: null, report };
  });
}
