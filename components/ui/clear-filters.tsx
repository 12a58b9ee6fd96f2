"use client";

import Link from "next/link";
import { useEffect, type ReactNode } from "react";

/** The field a "Clear filters" click asked to be focused once the emptied form is drawn again. */
let focusAfterClear: string | null = null;

/**
 * "Clear filters" in a search form: a client-side navigation to the unfiltered list. The form is
 * keyed on its values, so it is drawn again empty; the link itself goes (nothing is left to clear),
 * and the focus, which it had, goes to the form's first field (`focus`) instead of the page's start.
 */
export function ClearFilters({ href, focus, className, children }: { href: string; focus: string; className?: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className={className}
      // Not a click that opens the list in another tab: this page's form stays as it is.
      onClick={(e) => (focusAfterClear = e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey ? focus : null)}
    >
      {children}
    </Link>
  );
}

/** Rendered inside the keyed form: gives the focus to the field "Clear filters" named, once. */
export function FocusAfterClear() {
  useEffect(() => {
    const id = focusAfterClear;
    focusAfterClear = null;
    if (id) document.getElementById(id)?.focus();
  }, []);
  return null;
}
