"use client";

import { useRouter } from "next/navigation";
import { Fragment, useEffect, useRef, useTransition, type ComponentProps } from "react";

/**
 * The URL a search form's fields make: the fields left empty ("Any role", a blank search) are left
 * out, so a filtered list's address says only what filters it (`/audit?action=user.created`, not
 * `/audit?actor=&target=&action=user.created&from=&to=&q=`), and so are those that hold what the
 * page would take anyway (`defaults`: the users list's 25 a page, by name, ascending).
 */
export function searchUrl(action: string, data: FormData, defaults: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of data) if (typeof value === "string" && value !== "" && value !== defaults[name]) params.append(name, value);
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

/**
 * A list's search and filter form. Without its script it is a plain GET form to `action`; with it,
 * a submit is a client-side navigation to `searchUrl` (no empty parameters) and the focus stays where
 * it was (the search field after Enter, otherwise the submit button): the fields are drawn again for
 * the new values (`resetKey`: a select keeps what it showed through a client-side navigation), which
 * took the focus to the page's start, so the next Tab began at the skip link.
 */
export function SearchForm({
  action,
  resetKey,
  defaults,
  children,
  ...props
}: Omit<ComponentProps<"form">, "action" | "onSubmit" | "method"> & { action: string; resetKey: string; defaults?: Readonly<Record<string, string>> }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  // What had the focus when the form was submitted: the search field (Enter) or Apply.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const id = refocus.current;
    if (pending || id === null) return;
    refocus.current = null;
    // Only if the focus was lost with the fields: someone who moved on meanwhile stays where they are.
    const active = document.activeElement;
    if (active && active !== document.body) return;
    (document.getElementById(id) ?? form.current?.querySelector<HTMLElement>('[type="submit"]'))?.focus();
  }, [pending]);
  return (
    <form
      {...props}
      ref={form}
      action={action}
      aria-busy={pending || undefined}
      onSubmit={(e) => {
        // A field that stopped the submit (the audit's person picker, with a name typed and nobody chosen).
        if (e.nativeEvent.defaultPrevented) return;
        e.preventDefault();
        const active = document.activeElement;
        refocus.current = active && e.currentTarget.contains(active) ? active.id : "";
        // The submit buttons carry no name: the fields are the whole query.
        const url = searchUrl(action, new FormData(e.currentTarget), defaults);
        startTransition(() => router.push(url));
      }}
    >
      <Fragment key={resetKey}>{children}</Fragment>
    </form>
  );
}
