"use client";

import { useRouter } from "next/navigation";
import { Fragment, useState, useTransition, type ComponentProps } from "react";

/**
 * The URL a search form's fields make: the fields left empty ("Any role", a blank search, a search
 * of spaces) are left out, so a filtered list's address says only what filters it
 * (`/audit?action=user.created`, not `/audit?actor=&target=&action=user.created&from=&to=&q=`), and
 * so are those that hold what the page would take anyway (`defaults`: the users list's 25 a page,
 * by name, ascending).
 */
export function searchUrl(action: string, data: FormData, defaults: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of data) if (typeof value === "string" && value.trim() !== "" && value !== defaults[name]) params.append(name, value);
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

/**
 * A list's search and filter form. Without its script it is a plain GET form to `action`; with it,
 * a submit is a client-side navigation to `searchUrl` (no empty parameters).
 *
 * The fields are drawn again when the list's filters change from elsewhere ("Clear filters", Back,
 * Forward: `resetKey` changes), since a select keeps what it showed through a client-side
 * navigation. Not after this form's own submit: they already show what was asked for, and drawing
 * them again took the focus to the page's start, and with it whatever was typed or chosen while
 * the list was on its way. The focus stays where it was, except in a text field on a touch screen.
 */
export function SearchForm({
  action,
  resetKey,
  defaults,
  children,
  ...props
}: Omit<ComponentProps<"form">, "action" | "onSubmit" | "method"> & { action: string; resetKey: string; defaults?: Readonly<Record<string, string>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [submitted, setSubmitted] = useState(false);
  const [fields, setFields] = useState({ key: resetKey, generation: 0 });
  const [wasPending, setWasPending] = useState(false);
  if (fields.key !== resetKey) setFields({ key: resetKey, generation: submitted ? fields.generation : fields.generation + 1 });
  // The submit's navigation is over (with new filters or the same): a later change comes from elsewhere.
  if (pending !== wasPending) {
    setWasPending(pending);
    if (!pending) setSubmitted(false);
  }
  return (
    <form
      {...props}
      action={action}
      aria-busy={pending || undefined}
      onSubmit={(e) => {
        // A field that stopped the submit (the audit's person picker, with a name typed and nobody chosen).
        if (e.nativeEvent.defaultPrevented) return;
        e.preventDefault();
        // The submit buttons carry no name: the fields are the whole query.
        const url = searchUrl(action, new FormData(e.currentTarget), defaults);
        // On a touch screen, "Go" on the on-screen keyboard would leave it up over the list it asked
        // for (a page load, as without script, closes it): the field lets go, and the keyboard goes down.
        const field = document.activeElement;
        if (field instanceof HTMLInputElement && e.currentTarget.contains(field) && window.matchMedia?.("(pointer: coarse)").matches) field.blur();
        setSubmitted(true);
        startTransition(() => router.push(url));
      }}
    >
      <Fragment key={fields.generation}>{children}</Fragment>
    </form>
  );
}
