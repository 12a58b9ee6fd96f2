"use client";

import { useActionState, useEffect, useRef } from "react";
import { isSecretField } from "@/lib/secret-field";
import { useReach } from "./use-reach";

/**
 * useActionState for a form, plus what a refused submit owes the person who typed: focus moves to
 * the first invalid field (or the form's message when no field is named), so a keyboard or screen
 * reader user lands on what needs fixing instead of staying on the button. A form done, and the
 * focus lost, gives it to the form's message of success.
 */
export function useActionForm<S extends { ok: boolean } | null, P>(action: (state: Awaited<S>, payload: P) => S | Promise<S>, initial: Awaited<S>) {
  // No answer at all (offline, a restart) is said as the form's message, with what was typed kept
  // (passwords aside, as the server echoes it), instead of the error page.
  const reach = useReach();
  const [state, dispatch, pending] = useActionState(async (previous: Awaited<S>, payload: P): Promise<Awaited<S>> => {
    const answer = await reach(Promise.resolve(action(previous, payload)) as Promise<{ ok: boolean }>);
    if (answer.ok || !(payload instanceof FormData) || "values" in answer) return answer as Awaited<S>;
    const values = Object.fromEntries([...payload.entries()].filter(([k, v]) => typeof v === "string" && !isSecretField(k)));
    return { ...answer, values } as Awaited<S>;
  }, initial);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state || !form.current) return;
    if (state.ok) {
      // The submit button, disabled while the form was sent, dropped the focus to the page's start:
      // it goes to the form's message that says it was done (else back to the button). Not when the
      // person has since moved it somewhere themselves.
      if (document.activeElement && document.activeElement !== document.body) return;
      const done = form.current.querySelector<HTMLElement>('[role="status"]:not(.sr-only)') ?? form.current.querySelector<HTMLElement>('button[type="submit"]');
      if (done && !done.matches("button")) done.setAttribute("tabindex", "-1");
      done?.focus();
      return;
    }
    const target = form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current.querySelector<HTMLElement>('[role="alert"]');
    if (target && !target.matches("input, select, textarea, button")) target.setAttribute("tabindex", "-1");
    target?.focus();
  }, [state]);
  return [state, dispatch, pending, form] as const;
}
