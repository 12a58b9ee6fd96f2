"use client";

import Link from "next/link";

/**
 * The markup of Pagination (./pagination.tsx), which works out the words and the links. A client
 * component for the page's weight: a page's RSC payload carries these few strings, not the markup
 * the HTML already has. Styled in app/globals.css (.ui-pagination).
 */
export function PaginationNav({
  label,
  summary,
  previous,
  next,
}: {
  label: string;
  summary: string;
  previous: { href: string; label: string } | null;
  next: { href: string; label: string } | null;
}) {
  return (
    <nav aria-label={label} className="ui-pagination">
      <p>{summary}</p>
      <div className="flex gap-2">
        {previous ? (
          <Link href={previous.href} rel="prev">
            {previous.label}
          </Link>
        ) : null}
        {next ? (
          <Link href={next.href} rel="next">
            {next.label}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
