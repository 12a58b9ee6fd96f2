"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

/**
 * The list's title and its Export, Import and Create buttons (the last two only when `labels` has
 * them: the page leaves out what the viewer may not do). A client component for the page's weight:
 * its RSC payload carries these few strings, not the markup the HTML already has.
 */
export function UsersHeading({
  labels,
  exportHref,
  notice,
}: {
  labels: { title: string; export: string; import?: string; create?: string };
  exportHref: string;
  /** Shown under the title: why the list's query was refused. */
  notice?: ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <h1 id="users-title" tabIndex={-1} className="text-2xl font-semibold outline-none">
        {labels.title}
      </h1>
      <div className="flex flex-wrap gap-2">
        <a href={exportHref} className={buttonClasses("secondary")} download>
          {labels.export}
        </a>
        {labels.import ? (
          <Link href="/users/import" className={buttonClasses("secondary")}>
            {labels.import}
          </Link>
        ) : null}
        {labels.create ? (
          <Link href="/users/new" className={buttonClasses("primary")}>
            {labels.create}
          </Link>
        ) : null}
      </div>
      {/* Under the heading and its buttons, the width of the page: it does not push them apart. */}
      {notice ? <div className="w-full">{notice}</div> : null}
    </div>
  );
}
