import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { pageContext, pageRead } from "@/lib/auth";
import { formatDate, formatDateTime, type Locale } from "@/lib/format";
import { listReports } from "@/lib/reports/read-reports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Reports"))("title") };
}

export default async function ReportsPage() {
  const ctx = await pageContext("audit.view");
  const [t, locale, reports] = await Promise.all([getTranslations("Reports"), getLocale(), pageRead(listReports({ ctx, input: {} }))]);
  return (
    <section aria-labelledby="reports-title" className="flex max-w-4xl flex-col gap-4">
      <h1 id="reports-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
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
