import { Alert } from "@/components/ui/alert";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { buttonClasses } from "@/components/ui/button";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { pageContext, pageList } from "@/lib/auth";
import { formatDateTime, type Locale } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Audit");
  return { title: t("title") };
}

type Search = { page?: string; q?: string; action?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("audit.view");
  const params = await searchParams;
  const {
    result: { rows, total, page, pageSize },
    refused,
  } = await pageList(params, (input) => listAuditEvents({ ctx, input }));
  const t = await getTranslations("Audit");
  const locale = (await getLocale()) as Locale;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title" className="mb-4 text-2xl font-semibold">
        {t("title")}
      </h1>
      {refused ? (
        <div className="mb-4">
          <Alert tone="error">{refused}</Alert>
        </div>
      ) : null}
      <form role="search" className="mb-4 flex flex-wrap items-end gap-3" action="/audit">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-q" className="text-sm font-medium">
            {t("query")}
          </label>
          <input id="audit-q" name="q" defaultValue={params.q} className="rounded-md border border-slate-400 px-3 py-2 text-sm" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-action" className="text-sm font-medium">
            {t("action")}
          </label>
          <input
            id="audit-action"
            name="action"
            defaultValue={params.action}
            placeholder={t("actionPlaceholder")}
            className="rounded-md border border-slate-400 px-3 py-2 text-sm placeholder:text-slate-600"
          />
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("filter")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <Table caption={t("caption")}>
          <Thead>
            <Tr>
              <Th>{t("when")}</Th>
              <Th>{t("action")}</Th>
              <Th>{t("actor")}</Th>
              <Th>{t("target")}</Th>
              <Th>{t("address")}</Th>
              <Th>{t("detail")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap">{formatDateTime(e.at, locale)}</Td>
                <Td>
                  <code className="text-xs">{e.action}</code>
                </Td>
                <Td>{e.actorName ?? "—"}</Td>
                <Td>{e.targetName ?? "—"}</Td>
                <Td>{e.ip ?? "—"}</Td>
                <Td>
                  <code className="text-xs break-all">{JSON.stringify(e.detail)}</code>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Pagination basePath="/audit" page={page} pageSize={pageSize} total={total} params={params} />
    </section>
  );
}
