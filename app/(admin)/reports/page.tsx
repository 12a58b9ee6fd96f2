import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { pageContext, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { formatDate, formatDateTime, type Locale } from "@/lib/format";
import { FIRST_REPORT_DAY, listReports } from "@/lib/reports/read-reports";
import { dayThatJustEnded } from "@/lib/reports/report-day";
import { getSettings } from "@/lib/settings/get-settings";
import { isCalendarDate } from "@/lib/validation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Reports"))("title") };
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ day?: string | string[] }> }) {
  const ctx = await pageContext("audit.view");
  // "Open a day": any day's figures, whether or not its report was sent (its page says which).
  const { day } = await searchParams;
  const picked = typeof day === "string" ? day.trim() : undefined;
  if (picked && isCalendarDate(picked) && picked >= FIRST_REPORT_DAY) redirect(`/reports/${picked}`);
  const [t, locale, reports, settings] = await Promise.all([
    getTranslations("Reports"),
    getLocale(),
    pageRead(listReports({ ctx, input: {} })),
    getSettings(ctx.db),
  ]);
  const yesterday = dayThatJustEnded(ctx.now(), settings["organization.timeZone"]);
  return (
    <section aria-labelledby="reports-title" className="flex max-w-4xl flex-col gap-4">
      <h1 id="reports-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {/* What decides the day and who gets it, with the way to each: asked for on a walk of this page. */}
      <p className="text-sm text-slate-700">
        {t.rich(can(ctx.actor, "roles.manage") ? "where" : "whereNoSettings", {
          zone: settings["organization.timeZone"],
          settings: (chunks) => (
            <Link href="/settings/general" className="text-blue-800 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <form method="get" action="/reports" className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <Input
          name="day"
          type="date"
          label={t("pickDay")}
          hint={t("pickDayHint")}
          min={FIRST_REPORT_DAY}
          max={yesterday}
          defaultValue={picked ?? yesterday}
          // A day written as one that the calendar lacks (2026-02-31) is said as such, as the audit log says it.
          error={
            picked === undefined
              ? undefined
              : isCalendarDate(picked)
                ? t("tooEarly", { date: formatDate(`${FIRST_REPORT_DAY}T00:00:00Z`, locale as Locale) })
                : /^\d{4}-\d{2}-\d{2}$/.test(picked)
                  ? t("noSuchDay")
                  : t("badDay")
          }
          required
        />
        {/* Level with the field, below its label. */}
        <Button type="submit" variant="secondary" className="sm:mt-6">
          {t("openDay")}
        </Button>
      </form>
      {reports.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">{t("empty")}</p>
      ) : (
        <Table caption={t("caption")}>
          <Thead>
            <Tr>
              <Th>{t("date")}</Th>
              <Th>{t("sentAt")}</Th>
              <Th>{t("recipients")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {reports.map((r) => (
              <Tr key={r.date}>
                <Td>
                  <Link
                    href={`/reports/${r.date}`}
                    aria-label={t("open", { date: formatDate(`${r.date}T00:00:00Z`, locale as Locale) })}
                    className="text-blue-800 underline"
                  >
                    {formatDate(`${r.date}T00:00:00Z`, locale as Locale)}
                  </Link>
                </Td>
                <Td>{formatDateTime(r.sentAt, locale as Locale)}</Td>
                <Td>{r.recipients ?? "—"}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}
