"use client";

import { useActionState, useEffect, useRef } from "react";

/**
 * useActionState for a form, plus what a refused submit owes the person who typed: focus moves to
 * the first invalid field (or the form's message when no field is named), so a keyboard or screen
 * reader user lands on what needs fixing instead of staying on the button.
 */
export function useActionForm<S extends { ok: boolean } | null, P>(action: (state: Awaited<S>, payload: P) => S | Promise<S>, initial: Awaited<S>) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state || state.ok || !form.current) return;
    const target = form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current.querySelector<HTMLElement>('[role="alert"]');
    if (target && !target.matches("input, select, textarea, button")) target.setAttribute("tabindex", "-1");
    target?.focus();
  }, [state]);
  return [state, dispatch, pending, form] as const;
}
