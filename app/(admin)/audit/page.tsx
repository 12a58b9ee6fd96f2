import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuditFilterForm } from "@/components/audit/audit-filters";
import { EventChanges } from "@/components/audit/event-changes";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { auditWords, describeEvent } from "@/lib/audit/describe-event";
import type { AuditFilters } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { pageContext, pageList } from "@/lib/auth";
import { formatDateTime, type Locale } from "@/lib/format";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Audit");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

/** A URL on `path` with the filters that were applied (never a refused one) and any extra parameters. */
function withFilters(path: string, filters: AuditFilters, extra: Record<string, string | number> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value !== undefined && value !== "") search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

const LINK = "text-blue-800 underline-offset-2 hover:underline";
const PAGE_LINK = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 hover:bg-slate-50";

async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("audit.view");
  const params = await searchParams;
  const [{ result, refused, fieldErrors }, t, locale] = await Promise.all([
    pageList(params, (input) => listAuditEvents({ ctx, input })),
    getTranslations("Audit"),
    getLocale() as Promise<Locale>,
  ]);
  const { rows, newer, older, filters, timeZone, names, people } = result;
  const words = await auditWords(locale);
  const paged = params.before !== undefined || params.after !== undefined;
  const changeLabels = { caption: t("changes"), field: t("field"), before: t("before"), after: t("after") };

  return (
    <section aria-labelledby="audit-title">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <h1 id="audit-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        {/* A route handler, not a page: a plain link, so the browser downloads the file. */}
        <a href={withFilters("/audit/export", filters)} className={buttonClasses("secondary")} aria-describedby="audit-export-hint" download>
          {t("export")}
        </a>
      </div>
      <p className="mb-4 text-sm text-slate-700">
        {t("intro")} <span id="audit-export-hint">{t("exportHint")}</span>
      </p>
      {refused ? (
        <div className="mb-4">
          <Alert tone="error">{refused}</Alert>
        </div>
      ) : null}
      <AuditFilterForm
        filters={filters}
        people={people}
        // A refused day stays in its field as typed, with the reason beside it (the list is shown without it).
        dates={{
          from: { typed: typeof params.from === "string" ? params.from : undefined, error: fieldErrors.from },
          to: { typed: typeof params.to === "string" ? params.to : undefined, error: fieldErrors.to },
        }}
      />
      <p className="mb-2 text-sm text-slate-700">{timeZone === "UTC" ? t("timesInUtc") : t("timesAndZone", { zone: timeZone })}</p>

      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">{t("empty")}</p>
      ) : (
        <Table
          caption={t("caption")}
          scrollCue={(await getTranslations("Ui"))("moreColumns")}
          // A name of 200 letters without a space breaks anywhere, rather than widen the table for good;
          // the column heads are our own words, which wrap between words ("Direcció/n" at 1440 px).
          className="[overflow-wrap:anywhere] [&_th]:[overflow-wrap:normal]"
        >
          <Thead>
            <Tr>
              {/* On a phone the time sits above the event, so the event's sentence is what the screen shows. */}
              <Th className="hidden sm:table-cell">{t("when")}</Th>
              <Th>{t("event")}</Th>
              <Th>{t("actorColumn")}</Th>
              <Th>{t("targetColumn")}</Th>
              <Th>{t("address")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => {
              const event = describeEvent(row, words, names);
              const actorFilter = event.actor.kind === "user" && row.actorId ? withFilters("/audit", { ...filters, actor: row.actorId }) : null;
              // An import links to its record (who, when, the file, the counts, the rejected rows).
              const targetFilter =
                row.targetType === "user" && row.targetId
                  ? withFilters("/audit", { ...filters, target: row.targetId })
                  : row.targetType === "import" && row.targetId
                    ? `/users/import/${row.targetId}`
                    : null;
              return (
                <Tr key={row.id}>
                  <Td className="hidden whitespace-nowrap sm:table-cell">
                    <time dateTime={row.at.toISOString()}>{formatDateTime(row.at, locale)}</time>
                  </Td>
                  <Td className="min-w-64 sm:min-w-72">
                    <p className="text-xs text-slate-700 sm:hidden">
                      <time dateTime={row.at.toISOString()}>{formatDateTime(row.at, locale)}</time>
                    </p>
                    <p className="font-medium text-slate-900">{event.sentence}</p>
                    <p className="text-xs text-slate-700">
                      <code>{row.action}</code>
                    </p>
                    <EventChanges changes={event.changes} labels={changeLabels} />
                  </Td>
                  <Td className="min-w-40">
                    {event.actor.name ? (
                      <p>
                        {actorFilter ? (
                          <Link href={actorFilter} className={LINK}>
                            {event.actor.name}
                          </Link>
                        ) : (
                          event.actor.name
                        )}
                      </p>
                    ) : null}
                    <Badge>{event.actor.kindLabel}</Badge>
                  </Td>
                  <Td className="min-w-40">
                    {event.target ? (
                      targetFilter ? (
                        <Link href={targetFilter} className={LINK}>
                          {event.target}
                        </Link>
                      ) : (
                        event.target
                      )
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">{row.ip ?? "—"}</Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}

      {newer !== null || older !== null || paged ? (
        <nav aria-label={t("pagination")} className="mt-4 flex flex-wrap justify-end gap-2">
          {paged && rows.length === 0 ? (
            <Link className={PAGE_LINK} href={withFilters("/audit", filters)}>
              {t("newest")}
            </Link>
          ) : null}
          {newer !== null ? (
            <Link className={PAGE_LINK} href={withFilters("/audit", filters, { after: newer })} rel="prev">
              {t("newer")}
            </Link>
          ) : null}
          {older !== null ? (
            <Link className={PAGE_LINK} href={withFilters("/audit", filters, { before: older })} rel="next">
              {t("older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export default withClientMessages(["AuditPicker"], AuditPage);
