import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatNumber, type Locale } from "@/lib/format";

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
}: {
  page: number;
  pageSize: number;
  total: number;
  params: Record<string, string | undefined>;
  basePath: string;
}) {
  const t = useTranslations("Ui");
  const locale = useLocale() as Locale;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "page") search.set(k, v);
    if (p > 1) search.set("page", String(p));
    const qs = search.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 hover:bg-slate-50";
  return (
    <nav aria-label={t("pagination.label")} className="mt-4 flex items-center justify-between text-sm text-slate-700">
      <p>{t("pagination.summary", { page: Math.min(page, pages), pages, total: formatNumber(total, locale) })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={href(page - 1)} rel="prev">
            {t("pagination.previous")}
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={link} href={href(page + 1)} rel="next">
            {t("pagination.next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
