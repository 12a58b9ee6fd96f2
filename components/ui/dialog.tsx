"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

/**
 * Where a dialog gives the focus back when it closes, when that is not what had the focus as it
 * opened: an item of a menu is gone with its menu, and a toolbar may be gone with the selection.
 * Nothing, or an element no longer in the page, gives it to what had the focus as the dialog opened.
 */
export const DialogReturnFocus = createContext<() => HTMLElement | null | undefined>(() => null);

/**
 * For a dialog whose action takes away what opened it (a deleted row's button, a revoked key's, an
 * applied import's): call `done()` once the action succeeds, and give `returnTo` to DialogReturnFocus;
 * the focus then goes to `target()` (a heading, a message) instead of falling to the page's start.
 * `done(false)` before another try. Until then the dialog gives the focus back as it would anyway.
 */
export function useFocusWhenDone(target: () => HTMLElement | null | undefined) {
  const isDone = useRef(false);
  const returnTo = useCallback(() => (isDone.current ? target() : null), [target]);
  const done = useCallback((yes = true) => {
    isDone.current = yes;
  }, []);
  return { returnTo, done };
}

/** Read as a menu's item opens a dialog (in its onSelect): the button of that menu, else what has the focus. */
export function focusOpener(): HTMLElement | null {
  const active = document.activeElement;
  const menu = active?.closest('[role="menu"]');
  const trigger = menu?.getAttribute("aria-labelledby");
  return (trigger ? document.getElementById(trigger) : null) ?? (active instanceof HTMLElement ? active : null);
}

/** An element that may take the focus back: not <body>, and not inside a dialog. */
function outsideDialogs(el: Element | EventTarget | null): HTMLElement | null {
  return el instanceof HTMLElement && el !== document.body && !el.closest('[role="dialog"]') ? el : null;
}

/**
 * A modal dialog: Radix UI's Dialog (portalled, focus trapped, Escape closes, focus returns to the
 * opener), in Rollcall's look. Pages use this wrapper, never Radix directly.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const returnTo = useContext(DialogReturnFocus);
  // What had the focus as the dialog opened (the last focus while it was closed: by the time Radix
  // says it opens, the dialog's own button has taken it): a dialog opened by a plain button, not a
  // Radix trigger, gives the focus back to it; Radix alone would drop it on <body>.
  const opener = useRef<HTMLElement | null>(null);
  // A dialog mounted already open (rendered only while open, as on a user's page) never saw the
  // focus while closed: what had it as this first render ran (before the dialog's own button took it).
  const [mountedFrom] = useState(() => (typeof document === "undefined" ? null : outsideDialogs(document.activeElement)));
  useEffect(() => {
    if (open) return;
    // Not a dialog's own buttons: the first takes the focus before this listener goes, and keeps it
    // a moment after the dialog closes.
    const remember = (el: Element | EventTarget | null) => {
      const outside = outsideDialogs(el);
      if (outside) opener.current = outside;
    };
    const onFocus = (e: FocusEvent) => remember(e.target);
    remember(document.activeElement);
    // "focus" seen on its way down (it does not bubble): every element's, with one listener.
    document.addEventListener("focus", onFocus, true);
    return () => document.removeEventListener("focus", onFocus, true);
  }, [open]);
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <RadixDialog.Portal>
        {/* A fixed dark wash: the palette's slate-900 is light in the dark theme, and lit the page up. */}
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-[rgb(2_6_23/0.55)]" />
        <RadixDialog.Content
          {...(description ? {} : { "aria-describedby": undefined })}
          onCloseAutoFocus={(e) => {
            const to = [returnTo(), opener.current, mountedFrom].find((el) => el?.isConnected);
            if (!to) return;
            e.preventDefault();
            to.focus();
          }}
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl focus:outline-none dark:ring-1 dark:ring-slate-300"
        >
          <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description asChild>
              <div className="mt-2 text-sm text-slate-700">{description}</div>
            </RadixDialog.Description>
          ) : null}
          <div className="mt-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** A dialog's last lines: the refusal if there was one, Cancel (focused first), and the action. */
export function DialogFooter({ error, onCancel, children }: { error?: string | null; onCancel: () => void; children: ReactNode }) {
  const t = useTranslations("Ui");
  return (
    <>
      {error ? (
        <div className="mb-3">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          {t("cancel")}
        </Button>
        {children}
      </div>
    </>
  );
}

/**
 * Asks before an action that can't be taken back. The confirm button names the action, never just
 * "OK"; it is red unless the action adds rather than removes (`constructive`: applying an import).
 */
export function ConfirmDialog({
  open,
  onCancel,
  onConfirm,
  title,
  description,
  confirmLabel,
  pending,
  error,
  blocked,
  constructive = false,
}: {
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  /** The refusal, when the action was refused: shown above the buttons. */
  error?: string | null;
  /** The action cannot go ahead yet (the description says why): the button is there, disabled. */
  blocked?: boolean;
  constructive?: boolean;
}) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={description}>
      <DialogFooter onCancel={onCancel} error={error}>
        <Button variant={constructive ? "primary" : "danger"} onClick={onConfirm} disabled={pending || blocked}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
