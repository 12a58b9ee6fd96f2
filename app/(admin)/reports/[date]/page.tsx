import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { pageContext, pageRead } from "@/lib/auth";
import { formatDate, formatDateTime, type Locale } from "@/lib/format";
import { COUNTED, type CountKey } from "@/lib/reports/build-report";
import { getReport } from "@/lib/reports/read-reports";
import { DomainError, isDomainError } from "@/lib/errors";
import { translateMessage } from "@/lib/i18n/domain-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Reports"))("title") };
}

const PEOPLE: CountKey[] = ["created", "invited", "registered", "confirmed", "updated", "deactivated", "reactivated", "deleted", "unblocked", "locked"];
const ACCESS: CountKey[] = ["signIns", "failedSignIns", "permissionChanges", "permissionCopies", "rolesCreated", "roleChanges", "rolesDeleted", "refusals"];

export default async function ReportPage({ params }: { params: Promise<{ date: string }> }) {
  const ctx = await pageContext("audit.view");
  const { date } = await params;
  const [t, locale, read] = await Promise.all([
    getTranslations("Reports"),
    getLocale(),
    // Today (or a later day) has no report yet: said on the page, not as "Page not found".
    pageRead(
      getReport({ ctx, input: { date } }).catch((error) => (isDomainError(error) && error.code === "precondition_failed" ? error : Promise.reject(error))),
    ),
  ]);
  const day = formatDate(`${date}T00:00:00Z`, locale as Locale);
  // The day's frame: the way back to every report, and the day as the heading.
  const frame = (children: ReactNode) => (
    <section aria-labelledby="report-title" className="flex max-w-4xl flex-col gap-4">
      <p className="text-sm">
        <Link href="/reports" className="text-blue-800 underline">
          {t("all")}
        </Link>
      </p>
      <h1 id="report-title" className="text-2xl font-semibold">
        {t("reportTitle", { date: day })}
      </h1>
      {children}
    </section>
  );
  if (read instanceof DomainError) return frame(<Alert tone="info">{`${translateMessage(read.message, locale as Locale)} ${t("comeBack")}`}</Alert>);
  const { sent, sentAt, recipients, report } = read;
  const audit = (key: CountKey) => `/audit?${new URLSearchParams({ action: COUNTED[key], from: date, to: date })}`;
  const counts = (title: string, keys: CountKey[]) => (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white">
      <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold">{title}</h2>
      <dl className="divide-y divide-slate-100">
        {keys.map((key) => (
          <div key={key} className="flex justify-between gap-4 px-4 py-2 text-sm">
            <dt>{t(`rows.${key}`)}</dt>
            <dd>
              <Link
                href={audit(key)}
                className="font-semibold text-blue-800 underline"
                aria-label={t("countLink", { label: t(`rows.${key}`), count: report.counts[key] ?? 0 })}
              >
                {/* A report kept from before a row was added has no count for it: nothing was counted. */}
                {report.counts[key] ?? 0}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
  const names = (title: string, items: string[]) => (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="text-sm text-slate-800">{items.length ? items.join(" · ") : t("none")}</p>
    </div>
  );
  return frame(
    <>
      <p className="text-sm text-slate-700">{t("zone", { zone: report.timeZone })}</p>
      {sent && recipients ? (
        <Alert tone="success">{t("sentTo", { when: formatDateTime(sentAt, locale as Locale), count: recipients })}</Alert>
      ) : sent ? (
        <Alert tone="info">{t("sentToNobody", { when: formatDateTime(sentAt, locale as Locale) })}</Alert>
      ) : (
        <Alert tone="info">{t("notSent")}</Alert>
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {counts(t("people"), PEOPLE)}
        {counts(t("access"), ACCESS)}
      </div>
      <section aria-label={t("forecast")} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
        {Object.entries(report.lockedByReason).length
          ? names(
              t("rows.locked"),
              Object.entries(report.lockedByReason).map(([reason, n]) => `${t.has(`lockReasons.${reason}`) ? t(`lockReasons.${reason}`) : reason}: ${n}`),
            )
          : null}
        {names(
          t("mostFailed"),
          report.mostFailed.map((x) => `${x.name} (${x.count})`),
        )}
        {names(
          t("mostActive"),
          report.mostActiveAdministrators.map((x) => `${x.name} (${x.count})`),
        )}
        <h2 className="text-base font-semibold">{t("forecast")}</h2>
        <p className="text-sm">{t("outstanding", { count: report.invitationsOutstanding, soon: report.invitationsExpiringSoon })}</p>
        {names(
          t("accounts"),
          report.accountsExpiring.map((x) => `${x.name} (${formatDate(`${x.on}T00:00:00Z`, locale as Locale)})`),
        )}
        {names(
          t("passwords"),
          report.passwordsExpiring.map((x) => `${x.name} (${formatDate(`${x.on}T00:00:00Z`, locale as Locale)})`),
        )}
      </section>
    </>,
  );
}
