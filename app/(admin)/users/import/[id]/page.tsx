import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CommitButton, DiscardButton, MappingForm, RecheckForm, RefreshWhileRunning } from "@/components/imports/import-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { pageContext, pageRead } from "@/lib/auth";
import { formatDateTime, formatNumber, type Locale } from "@/lib/format";
import { translateMessage } from "@/lib/i18n/domain-messages";
import { getImport, importPowers, importRowsPage, ROWS_PER_PAGE } from "@/lib/imports/jobs";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ImportsPage");
  return { title: t("title") };
}

const ACTIONS = ["error", "create", "update", "unchanged"] as const;
const TONE = { create: "success", update: "info", unchanged: "neutral", error: "danger" } as const;

async function ImportJobPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ action?: string; page?: string }> }) {
  const ctx = await pageContext("users.import");
  const { id } = await params;
  const search = await searchParams;
  const job = await pageRead(getImport({ ctx, input: { jobId: id } }));
  const [t, tf, locale, { mine, mayDiscard }] = await Promise.all([
    getTranslations("ImportsPage"),
    getTranslations("ImportsForm"),
    getLocale() as Promise<Locale>,
    importPowers(ctx, job),
  ]);
  const n = (value: number | undefined) => formatNumber(value ?? 0, locale);
  const running = job.status === "previewing" || job.status === "committing";
  const rows =
    job.status === "previewed" || job.status === "committed"
      ? await importRowsPage({ ctx, input: { jobId: id, action: search.action, page: search.page } })
      : null;
  const options = job.options as { invite: boolean; createMissingUnits: boolean; sample?: string[] };
  const units = job.counts.unitsToCreate;
  // Back from Import with a refusal: the preview no longer says what Import would do.
  const stale = job.status === "previewed" && !!job.error;
  const fieldLabel = (field: string) => (field === "row" ? "" : `${tf(`fields.${field}`)}: `);
  return (
    <section aria-labelledby="job-title" className="flex flex-col gap-4">
      <RefreshWhileRunning running={running} />
      <p className="text-sm">
        <Link href="/users/import" className="text-blue-800 underline">
          {t("title")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="job-title" tabIndex={-1} className="text-2xl font-semibold outline-none">
          {t("jobTitle", { file: job.fileName })}
        </h1>
        <Badge tone={job.status === "committed" ? "success" : job.status === "failed" ? "danger" : job.status === "discarded" ? "neutral" : "info"}>
          {t(`statuses.${job.status}`)}
        </Badge>
      </div>
      <p className="text-sm text-slate-700">
        {t("jobMeta", { by: job.createdByName, when: formatDateTime(job.createdAt, locale), size: n(Math.ceil(job.fileSize / 1024)) })}
      </p>
      {job.error ? <Alert>{translateMessage(job.error, locale)}</Alert> : null}
      {/* Someone else's file: checked and applied with their permissions, so theirs to change or apply (importPowers). */}
      {!mine && (job.status === "mapping" || job.status === "previewed") ? <Alert tone="info">{t("startedByOther", { name: job.createdByName })}</Alert> : null}
      {/* Import was refused because users changed since the preview: checking again is one press away. */}
      {stale && mine ? <RecheckForm jobId={job.id} mapping={job.mapping} options={options} /> : null}

      {running ? (
        <div role="status" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p className="font-medium">{job.status === "previewing" ? t("checking") : t("applying")}</p>
          <progress aria-label={t("progress")} className="w-full max-w-md" />
          <p>{t("progressCounts", { parsed: n(job.rowsParsed), checked: n(job.rowsChecked), staged: n(job.rowsStaged), applied: n(job.rowsApplied) })}</p>
        </div>
      ) : null}

      {job.status === "mapping" ? (
        <>
          {mine ? <p className="max-w-3xl text-sm text-slate-700">{t("mappingIntro")}</p> : null}
          {mine ? <MappingForm jobId={job.id} headers={job.headers} mapping={job.mapping} options={options} samples={options.sample ?? []} /> : null}
          {mayDiscard ? (
            <div>
              <DiscardButton jobId={job.id} />
            </div>
          ) : null}
        </>
      ) : null}

      {job.status === "previewed" || job.status === "committed" ? (
        <>
          <dl className="grid max-w-3xl grid-cols-2 gap-3 sm:grid-cols-4">
            {ACTIONS.map((a) => (
              <div key={a} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-sm text-slate-700">{t(`counts.${a}`)}</dt>
                <dd className="text-2xl font-semibold">{n(job.counts[a])}</dd>
              </div>
            ))}
          </dl>
          {job.status === "committed" ? (
            <>
              <Alert tone="success">
                {t("done", { created: job.counts.create ?? 0, updated: job.counts.update ?? 0, invited: job.counts.invited ?? 0 })}{" "}
                <Link href="/users?sort=createdAt&dir=desc" className="underline">
                  {t("seeUsers")}
                </Link>
              </Alert>
              {/* The rows left out stay to be fixed and imported again. */}
              {job.counts.error ? (
                <a href={`/users/import/${job.id}/rejected`} className="text-sm font-medium text-blue-800 underline" download>
                  {t("downloadRejected", { count: job.counts.error })}
                </a>
              ) : null}
            </>
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              {mine && !stale && (job.counts.create ?? 0) + (job.counts.update ?? 0) > 0 ? (
                <CommitButton jobId={job.id} creates={job.counts.create ?? 0} updates={job.counts.update ?? 0} />
              ) : null}
              {job.counts.error ? (
                <a href={`/users/import/${job.id}/rejected`} className="text-sm font-medium text-blue-800 underline" download>
                  {t("downloadRejected", { count: job.counts.error })}
                </a>
              ) : null}
              {mayDiscard ? <DiscardButton jobId={job.id} /> : null}
            </div>
          )}
          {units && (units.branches.length || units.teams.length) ? (
            <Alert tone="info">
              {/* Once applied, what the preview announced has happened: said in the past. */}
              {t(job.status === "committed" ? "unitsCreated" : "unitsToCreate", {
                branches: units.branches.join(", ") || "—",
                teams: units.teams.join(", ") || "—",
              })}
            </Alert>
          ) : null}
          {/* The columns left out, said: an export's record columns, or a column nobody mapped, are not silently dropped. */}
          {job.headers.some((_, i) => !job.mapping[i]) ? (
            <p className="max-w-3xl text-sm text-slate-700">{t("ignoredColumns", { columns: job.headers.filter((_, i) => !job.mapping[i]).join(", ") })}</p>
          ) : null}
          {job.status === "previewed" && mine ? (
            <details className="rounded-lg border border-slate-200 bg-white p-3">
              <summary className="cursor-pointer text-sm font-medium">{t("changeSettings")}</summary>
              <div className="mt-3">
                <MappingForm jobId={job.id} headers={job.headers} mapping={job.mapping} options={options} samples={options.sample ?? []} />
              </div>
            </details>
          ) : null}
          <nav aria-label={t("filterRows")} className="flex flex-wrap gap-2 text-sm">
            <Link
              href={`/users/import/${job.id}`}
              aria-current={!rows?.action ? "page" : undefined}
              className="rounded px-2 py-1 text-blue-800 underline aria-[current=page]:bg-blue-50 aria-[current=page]:no-underline"
            >
              {t("allRows")}
            </Link>
            {ACTIONS.map((a) => (
              <Link
                key={a}
                href={`/users/import/${job.id}?action=${a}`}
                aria-current={rows?.action === a ? "page" : undefined}
                className="rounded px-2 py-1 text-blue-800 underline aria-[current=page]:bg-blue-50 aria-[current=page]:no-underline"
              >
                {t(`counts.${a}`)}
              </Link>
            ))}
          </nav>
          {rows && rows.rows.length ? (
            <>
              <Table caption={t(job.status === "committed" ? "rowsCaptionDone" : "rowsCaption")}>
                <Thead>
                  <Tr>
                    <Th>{t("row")}</Th>
                    <Th className="hidden sm:table-cell">{t("verdict")}</Th>
                    <Th>{t("person")}</Th>
                    <Th className="hidden sm:table-cell">{t("details")}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.rows.map((r) => {
                    const cells = r.cells as Record<string, string>;
                    const errors = (r.errors as { field: string; message: string }[] | null) ?? [];
                    const changes = r.action === "update" ? Object.entries(r.changes as Record<string, [unknown, unknown]>) : [];
                    const badge = <Badge tone={TONE[r.action as keyof typeof TONE]}>{t(`verdicts.${r.action}`)}</Badge>;
                    const details = errors.length ? (
                      <ul className="list-disc pl-4 text-red-800">
                        {errors.map((e, i) => (
                          <li key={i}>
                            {fieldLabel(e.field)}
                            {translateMessage(e.message, locale)}
                          </li>
                        ))}
                      </ul>
                    ) : changes.length ? (
                      <ul className="list-disc pl-4">
                        {changes.map(([field, [before, after]]) => (
                          <li key={field}>
                            {tf(`fields.${field.replace(/Id$/, "")}`)}: {String(before ?? "—")} →{" "}
                            {typeof after === "object" && after ? String((after as { create: string }).create) : String(after ?? "—")}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    );
                    // On a phone: the verdict under the row's number, the reasons under the person,
                    // where four columns squeezed the reasons to a word a line at the screen's edge.
                    return (
                      <Tr key={r.rowNumber}>
                        <Td>
                          {r.rowNumber}
                          <span className="mt-1 block sm:hidden">{badge}</span>
                        </Td>
                        <Td className="hidden sm:table-cell">{badge}</Td>
                        <Td className="max-w-64 break-words">
                          {/* A row that matched an account names the account as it is now, with a
                              link to it: the file may name them otherwise, or give only an e-mail. */}
                          {r.account ? (
                            <>
                              <Link href={`/users/${r.account.id}`} className="block text-blue-800 underline">
                                {r.account.name}
                              </Link>
                              <span className="block text-xs text-slate-700">{r.account.username}</span>
                            </>
                          ) : (
                            <>
                              <span className="block">{[cells.firstName, cells.lastName].filter(Boolean).join(" ") || "—"}</span>
                              <span className="block text-xs text-slate-700">{cells.email ?? cells.username ?? ""}</span>
                            </>
                          )}
                          {errors.length || changes.length ? <div className="mt-1 text-sm sm:hidden">{details}</div> : null}
                        </Td>
                        <Td className="hidden text-sm sm:table-cell">{details}</Td>
                      </Tr>
                    );
                  })}
                </Tbody>
              </Table>
              <Pagination
                basePath={`/users/import/${job.id}`}
                page={rows.page}
                pageSize={ROWS_PER_PAGE}
                total={rows.total}
                params={{ action: rows.action ?? undefined }}
              />
            </>
          ) : null}
        </>
      ) : null}

      {job.status === "discarded" ? <p className="max-w-3xl text-sm text-slate-700">{t("discardedNote")}</p> : null}

      {job.status === "failed" ? (
        <p>
          <Link href="/users/import" className="text-blue-800 underline">
            {t("tryAgain")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export default withClientMessages(["ImportsForm"], ImportJobPage);
