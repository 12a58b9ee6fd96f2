import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { UploadForm } from "@/components/imports/import-forms";
import { Badge } from "@/components/ui/badge";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { pageContext } from "@/lib/auth";
import { formatDateTime, type Locale } from "@/lib/format";
import { listImports } from "@/lib/imports/jobs";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ImportsPage");
  return { title: t("title") };
}

async function ImportPage() {
  const ctx = await pageContext("users.import");
  const imports = await listImports(ctx);
  const [t, locale] = await Promise.all([getTranslations("ImportsPage"), getLocale() as Promise<Locale>]);
  return (
    <section aria-labelledby="import-title" className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href="/users" className="text-blue-800 underline">
          {t("users")}
        </Link>
      </p>
      <h1 id="import-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="max-w-3xl text-sm text-slate-700">
        {t("intro")}{" "}
        <a href="/users/import/template" className="font-medium text-blue-800 underline" download>
          {t("template")}
        </a>
      </p>
      <UploadForm />
      <h2 className="text-lg font-semibold">{t("history")}</h2>
      {imports.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">{t("none")}</p>
      ) : (
        <Table caption={t("history")} scrollCue={(await getTranslations("Ui"))("moreColumns")}>
          <Thead>
            <Tr>
              <Th>{t("file")}</Th>
              <Th>{t("by")}</Th>
              <Th>{t("when")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("result")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {imports.map((job) => (
              <Tr key={job.id}>
                <Td>
                  <Link href={`/users/import/${job.id}`} className="font-medium text-blue-800 hover:underline">
                    {job.fileName}
                  </Link>
                </Td>
                <Td>{job.createdByName}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(job.createdAt, locale)}</Td>
                <Td>
                  <Badge tone={job.status === "committed" ? "success" : job.status === "failed" ? "danger" : job.status === "discarded" ? "neutral" : "info"}>
                    {t(`statuses.${job.status}`)}
                  </Badge>
                </Td>
                <Td className="text-sm">
                  {job.status === "committed"
                    ? t("applied", { created: job.counts.create ?? 0, updated: job.counts.update ?? 0 })
                    : job.counts.create !== undefined
                      ? t("previewCounts", { rows: job.rowsChecked, errors: job.counts.error ?? 0 })
                      : "—"}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}

export default withClientMessages(["ImportsForm"], ImportPage);
