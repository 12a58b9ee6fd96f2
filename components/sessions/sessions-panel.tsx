"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import { endAllSessionsAction, endOtherSessionsAction, endSessionAction } from "@/app/(admin)/sessions-actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogReturnFocus, useFocusWhenDone } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

export interface SessionView {
  id: string;
  browser: string | null;
  os: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/**
 * Open sessions: where, since when, last seen; "Sign out" on one; and "Sign out of all other
 * sessions" (your own) or "Sign out everywhere" (a user you manage), each asked first.
 */
export function SessionsPanel({ sessions, userId, own, canEnd }: { sessions: SessionView[]; userId: string; own: boolean; canEnd: boolean }) {
  const t = useTranslations("Sessions");
  const reach = useReach();
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState<{ kind: "one"; id: string } | { kind: "rest" } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Once sessions are ended, the button and rows that opened the dialog go away with them: the focus
  // goes to the list's heading rather than falling to the page's start.
  const heading = useRef<HTMLHeadingElement>(null);
  const { returnTo, done: ended } = useFocusWhenDone(useCallback(() => heading.current, []));
  const run = () =>
    start(async () => {
      if (!confirm) return;
      const result =
        confirm.kind === "one"
          ? await reach(endSessionAction(confirm.id))
          : own
            ? await reach(endOtherSessionsAction())
            : await reach(endAllSessionsAction(userId));
      if (!result.ok) return setError(result.message);
      ended();
      setConfirm(null);
      toast(confirm.kind === "one" ? t("endedOne") : t("endedMany"));
      router.refresh();
    });
  const others = sessions.filter((s) => !s.current).length;
  // Which session the dialog is about, said in it: several rows can read "Chrome 156 on Linux".
  const nameOf = (s: SessionView) => ({ browser: s.browser ?? t("unknownBrowser"), os: s.os ?? t("unknownSystem"), ip: s.ip ?? "—", since: s.createdAt });
  const chosen = confirm?.kind === "one" ? sessions.find((s) => s.id === confirm.id) : undefined;
  return (
    <section aria-labelledby="sessions-title" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="sessions-title" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
          {t("title", { count: sessions.length })}
        </h2>
        {canEnd && (own ? others > 0 : sessions.length > 0) ? (
          <Button variant="secondary" onClick={() => setConfirm({ kind: "rest" })}>
            {own ? t("endOthers") : t("endAll")}
          </Button>
        ) : null}
      </div>
      {sessions.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-700">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <div>
                <p className="font-medium text-slate-900">
                  {t("device", { browser: s.browser ?? t("unknownBrowser"), os: s.os ?? t("unknownSystem") })}{" "}
                  {s.current ? <Badge tone="info">{t("thisSession")}</Badge> : null}
                </p>
                <p className="text-slate-700">{t("details", { ip: s.ip ?? "—", since: s.createdAt, seen: s.lastSeenAt })}</p>
              </div>
              {canEnd && !s.current ? (
                <Button
                  variant="secondary"
                  onClick={() => setConfirm({ kind: "one", id: s.id })}
                  // Starts with the button's own words (WCAG 2.5.3), and tells one session from another.
                  aria-label={t("endOneLabel", nameOf(s))}
                >
                  {t("endOne")}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <DialogReturnFocus.Provider value={returnTo}>
        <ConfirmDialog
          open={confirm !== null}
          title={confirm?.kind === "one" ? t("confirmOneTitle") : own ? t("confirmOthersTitle") : t("confirmAllTitle")}
          description={<p>{chosen ? t("confirmBody", nameOf(chosen)) : t("confirmBodyMany")}</p>}
          error={error}
          confirmLabel={confirm?.kind === "one" ? t("endOne") : own ? t("endOthers") : t("endAll")}
          pending={pending}
          onCancel={() => {
            setConfirm(null);
            setError(null);
          }}
          onConfirm={() => {
            ended(false);
            run();
          }}
        />
      </DialogReturnFocus.Provider>
    </section>
  );
}
