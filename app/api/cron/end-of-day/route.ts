import { cronContext } from "@/lib/auth";
import { deliverSoon } from "@/lib/email/kick";
import { problemResponse } from "@/lib/http/problem";
import { assertCronAuthorized } from "@/lib/reports/cron-auth";
import { runEndOfDay } from "@/lib/reports/run-end-of-day";

export const dynamic = "force-dynamic";

/**
 * The organization's scheduler calls this once a day (GET or POST) with `Authorization: Bearer
 * $CRON_SECRET`; `?date=YYYY-MM-DD` reports a past day a run missed. Exactly once per date: a
 * repeat answers 200 "already_sent" and sends nothing.
 */
async function handle(req: Request): Promise<Response> {
  try {
    assertCronAuthorized(req.headers.get("authorization"), process.env.CRON_SECRET);
    const date = new URL(req.url).searchParams.get("date") ?? undefined;
    const result = await runEndOfDay({ ctx: await cronContext(), input: { date } });
    if (result.status === "sent") deliverSoon();
    const body =
      result.status === "sent"
        ? { status: result.status, date: result.date, recipients: result.recipients, sweeps: result.sweeps, counts: result.report.counts }
        : {
            status: result.status,
            date: result.date,
            detail: result.status === "already_sent" ? "The report for this date was already sent." : "The report for this date is being sent right now.",
          };
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const response = problemResponse(error);
    if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="rollcall-cron"');
    return response;
  }
}

export const GET = handle;
export const POST = handle;
