import { useLocale, useTranslations } from "next-intl";
import { formatNumber, type Locale } from "@/lib/format";
import { PaginationNav } from "./pagination-nav";

/** A page of a list, keeping every other query parameter (the filters, the sort, the page size). */
export function pageHref(basePath: string, params: Record<string, string | undefined>, page: number, cursor?: { before?: string; after?: string }): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v && k !== "page" && k !== "after" && k !== "before") search.set(k, v);
  if (page > 1) search.set("page", String(page));
  if (page > 1 && cursor?.after) search.set("after", cursor.after);
  if (page > 1 && cursor?.before) search.set("before", cursor.before);
  const qs = search.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/**
 * Previous / next links that keep every other query parameter. Not async, and its words in the
 * client namespace Ui, so a client component could render it too.
 */
export function Pagination({
  page,
  pageSize,
  total,
  params,
  basePath,
  cursors,
}: {
  page: number;
  pageSize: number;
  /** A number, or a count that may be an estimate ("about") or capped ("more than"). */
  total: number | { value: number; kind: "exact" | "about" | "atLeast" };
  params: Record<string, string | undefined>;
  basePath: string;
  /** Keyset cursors: Previous and Next carry them (`before`, `after`) instead of an offset. */
  cursors?: { previous: string | null; next: string | null };
}) {
  const t = useTranslations("Ui");
  const locale = useLocale() as Locale;
  const count = typeof total === "number" ? { value: total, kind: "exact" as const } : total;
  const pages = Math.max(1, Math.ceil(count.value / pageSize));
  const href = (p: number, cursor?: { before?: string; after?: string }) => pageHref(basePath, params, p, cursor);
  const hasPrevious = cursors ? !!cursors.previous && page > 1 : page > 1;
  const hasNext = cursors ? !!cursors.next : page < pages;
  // An empty list says so itself ("No users match"): "Page 1 of 1 · 0 in all" would add nothing.
  if (count.kind === "exact" && count.value === 0 && !hasPrevious && !hasNext) return null;
  const shown = formatNumber(count.value, locale);
  const summary =
    count.kind === "exact"
      ? t("pagination.summary", { page: Math.min(page, pages), pages, total: shown })
      : t(count.kind === "about" ? "pagination.summaryAbout" : "pagination.summaryAtLeast", { page, total: shown });
  return (
    <PaginationNav
      label={t("pagination.label")}
      summary={summary}
      previous={hasPrevious ? { href: href(page - 1, { before: cursors?.previous ?? undefined }), label: t("pagination.previous") } : null}
      next={hasNext ? { href: href(page + 1, { after: cursors?.next ?? undefined }), label: t("pagination.next") } : null}
    />
  );
}
