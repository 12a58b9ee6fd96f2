import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { reportRuns } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import type { Ctx, Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { DomainError } from "../errors";
import { getSettings } from "../settings/get-settings";
import { appLink } from "../tokens/tokens";
import { OptionalDate, parseInput } from "../validation";
import { buildDailyReport, COUNTED, type DailyReport } from "./build-report";
import { reportRecipients } from "./recipients";
import { dayThatJustEnded, localDate } from "./report-day";
import { runSweeps } from "./sweeps";

const RunEndOfDayInput = z.object({ date: OptionalDate("report date") });

export type EndOfDayResult =
  | { status: "sent"; date: string; recipients: number; sweeps: Awaited<ReturnType<typeof runSweeps>>; report: DailyReport }
  | { status: "already_sent"; date: string };

/** A test's way to make the run fail after the e-mails are queued, as a crash would. */
export interface RunFaults {
  afterEnqueue?: () => void;
}

/** Where a number in the report leads: the audit log filtered to that action on that day. */
export function auditLinkFor(action: string, date: string): string {
  return appLink(`/audit?${new URLSearchParams({ action, from: date, to: date })}`);
}

/**
 * The end-of-day job: the sweeps, then the day's report, then one e-mail per recipient in their
 * language — exactly once per date. The whole run is one transaction holding a per-date advisory
 * lock: a second call (or a second instance) waits for it and then answers "already sent", and a
 * run that dies part-way commits nothing, so the next call does it all again and no recipient gets
 * it twice. Only the system actor (cron route, CLI)
 * may run it.
 */
export async function runEndOfDay({ ctx, input }: Verb<{ date?: unknown }>, faults: RunFaults = {}): Promise<EndOfDayResult> {
  return auditAuthzFailures(ctx, "runEndOfDay", () => run(ctx, input, faults));
}

async function run(ctx: Ctx, input: { date?: unknown }, faults: RunFaults): Promise<EndOfDayResult> {
  if (ctx.actor?.kind !== "system" && ctx.actor?.kind !== "cli")
    throw new DomainError("forbidden", "Only the scheduler or the command line runs the end-of-day job.");
  const parsed = parseInput(RunEndOfDayInput, input);
  const settings = await getSettings(ctx.db);
  const timeZone = settings["organization.timeZone"];
  const now = ctx.now();
  const date = parsed.date ?? dayThatJustEnded(now, timeZone);
  if (date >= localDate(now, timeZone))
    throw new DomainError("validation", "That day has not ended yet.", { fieldErrors: { date: ["Choose a day that has ended."] } });

  return ctx.db.transaction(async (tx) => {
    // A second caller for the same date waits here until the first commits, then finds it done.
    await tx.execute(sql`select pg_advisory_xact_lock(727004, hashtext(${date}))`);
    const [done] = await tx.select({ status: reportRuns.status }).from(reportRuns).where(eq(reportRuns.reportDate, date));
    if (done?.status === "done") return { status: "already_sent" as const, date };

    const sweeps = await runSweeps(tx, ctx, { date, timeZone });
    const report = await buildDailyReport(tx, { date, timeZone, passwordMaxAgeDays: settings["password.maxAgeDays"] });
    const recipients = await reportRecipients(tx, ctx.now());
    const links = Object.fromEntries(Object.entries(COUNTED).map(([key, action]) => [key, auditLinkFor(action, date)]));
    for (const r of recipients) {
      await enqueueEmail(
        tx,
        { address: r.email, userId: r.id },
        {
          template: "end_of_day_report",
          props: {
            lang: r.language,
            organization: settings["organization.name"],
            firstName: r.firstName,
            date,
            report,
            links,
            link: appLink(`/reports/${date}`),
          },
        },
        now,
      );
    }
    faults.afterEnqueue?.();
    await tx
      .insert(reportRuns)
      .values({ reportDate: date, status: "done", startedAt: now, finishedAt: ctx.now(), detail: { report, sweeps, recipients: recipients.length } })
      .onConflictDoUpdate({
        target: reportRuns.reportDate,
        set: { status: "done", finishedAt: ctx.now(), detail: { report, sweeps, recipients: recipients.length } },
      });
    await recordAudit(tx, ctx, "report.sent", { detail: { date, recipients: recipients.length } });
    return { status: "sent" as const, date, recipients: recipients.length, sweeps, report };
  });
}
