"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape and restores focus to
 * the opener, which is what the WAI-ARIA dialog pattern asks for.
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
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="dialog-title"
      aria-describedby={description ? "dialog-description" : undefined}
      className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id="dialog-title" className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {description ? (
        <div id="dialog-description" className="mt-2 text-sm text-slate-700">
          {description}
        </div>
      ) : null}
      <div className="mt-4">{children}</div>
    </dialog>
  );
}

/** A dialog's last lines: the refusal if there was one, Cancel (focused first), and the action. */
export function DialogFooter({ error, onCancel, children }: { error?: string | null; onCancel: () => void; children: ReactNode }) {
  return (
    <>
      {error ? (
        <div className="mb-3">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        {children}
      </div>
    </>
  );
}

/** Asks before a destructive action. The confirm button names the action, never just "OK". */
export function ConfirmDialog({
  open,
  onCancel,
  onConfirm,
  title,
  description,
  confirmLabel,
  pending,
}: {
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pending?: boolean;
}) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={description}>
      <DialogFooter onCancel={onCancel}>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
