"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ActionResult } from "@/app/actions-result";

/** Next.js's own signals (a redirect, a not-found) travel as errors: they are not a lost connection. */
const isFrameworkSignal = (error: unknown) =>
  typeof error === "object" && error !== null && "digest" in error && /^NEXT_/.test(String((error as { digest: unknown }).digest));

/**
 * A server action's answer, or, when none came (offline, the server restarting mid-deploy), a refusal
 * that says so where the action's own refusal would be shown: a rejected call inside a transition
 * replaced the whole page with the error page, and what was on it was lost.
 */
export function useReach() {
  const t = useTranslations("Ui");
  const message = t("unreachable");
  return useCallback(
    async <R extends { ok: boolean }>(call: Promise<R>): Promise<R | Extract<ActionResult, { ok: false }>> => {
      try {
        return await call;
      } catch (error) {
        if (isFrameworkSignal(error)) throw error;
        return { ok: false, code: "unavailable", message };
      }
    },
    [message],
  );
}
