"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

function snapshot(form: HTMLFormElement): string {
  const entries: string[] = [];
  for (const [key, value] of new FormData(form).entries()) {
    if (key.startsWith("$ACTION")) continue;
    entries.push(`${key}=${typeof value === "string" ? value : `file:${value.name}:${value.size}`}`);
  }
  return entries.sort().join("&");
}

/**
 * Tracks whether a form differs from what was loaded, and warns before the page is left while it
 * does: on reload or close (beforeunload) and on any link inside the app.
 */
export function useUnsavedChanges(
  formRef: RefObject<HTMLFormElement | null>,
  {
    enabled = true,
    baseline,
  }: {
    enabled?: boolean;
    /** What the form was loaded from (a version): when it changes, the form as it now stands is the new starting point. */
    baseline?: unknown;
  } = {},
) {
  const initial = useRef<string | null>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!formRef.current) return;
    initial.current = snapshot(formRef.current);
    setDirty(false);
  }, [formRef, baseline]);

  const check = useCallback(() => {
    if (!formRef.current || initial.current === null) return;
    setDirty(snapshot(formRef.current) !== initial.current);
  }, [formRef]);

  useLeaveWarning(dirty && enabled);

  /** Call when the form is submitted, so leaving through the save's redirect does not warn. */
  const markSaved = useCallback(() => setDirty(false), []);
  return { dirty, check, markSaved };
}

/**
 * While `dirty`, warns before the page is left: on reload or close (beforeunload) and on any link
 * inside the app. For state that is not a form's (a table of choices held in React state).
 */
export function useLeaveWarning(dirty: boolean) {
  const t = useTranslations("Ui");
  const message = t("leaveWarning");
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!link || link.getAttribute("target") === "_blank") return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
