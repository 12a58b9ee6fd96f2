"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type KeyboardEvent } from "react";
import {
  confirmUserAction,
  deactivateUserAction,
  deleteUserAction,
  reactivateUserAction,
  unblockUserAction,
  userClientsAction,
} from "@/app/(admin)/users/actions";
import type { ActionResult } from "@/app/actions-result";
import { ConfirmDialog, Dialog, DialogFooter } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { UserPicker } from "./user-picker";

export interface ActionTarget {
  id: string;
  name: string;
  status: "pending" | "active" | "inactive";
  locked: boolean;
}

export interface ActionPermissions {
  update: boolean;
  delete: boolean;
  permissions?: boolean;
}

export type Pending = "deactivate" | "reactivate" | "confirm" | "unblock" | "delete" | null;

type MenuEntry = { label: string; href: string } | { label: string; dialog: Exclude<Pending, null> };

/** What the ⋮ menu offers for this user, in the reference articles' order. */
export function menuItems(user: ActionTarget, can: ActionPermissions): MenuEntry[] {
  const entries: (MenuEntry | false)[] = [
    { label: "View", href: `/users/${user.id}` },
    can.update && { label: "Edit user", href: `/users/${user.id}/edit` },
    !!can.permissions && { label: "Edit permissions", href: `/users/${user.id}/permissions` },
    can.update && user.locked && { label: "Unblock user", dialog: "unblock" },
    can.update && user.status === "pending" && { label: "Resend invitation", href: `/users/${user.id}?resend=1` },
    can.update && user.status === "pending" && { label: "Confirm user", dialog: "confirm" },
    can.update && user.status === "active" && { label: "Deactivate user", dialog: "deactivate" },
    can.update && user.status === "inactive" && { label: "Reactivate user", dialog: "reactivate" },
    can.delete && { label: "Delete user", dialog: "delete" },
  ];
  return entries.filter((e): e is MenuEntry => !!e);
}

/** The row's ⋮ menu: a menu button with arrow-key navigation, as the WAI-ARIA menu pattern asks. */
export function UserRowActions({ user, can }: { user: ActionTarget; can: ActionPermissions }) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Pending>(null);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const onKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown") items[(i + 1) % items.length]?.focus();
    else if (e.key === "ArrowUp") items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === "Home") items[0]?.focus();
    else if (e.key === "End") items[items.length - 1]?.focus();
    else if (e.key === "Escape" || e.key === "Tab") {
      setOpen(false);
      if (e.key === "Escape") button.current?.focus();
      return;
    } else return;
    e.preventDefault();
  };

  const pick = (what: Pending) => {
    setOpen(false);
    setDialog(what);
  };

  const item = "block w-full px-3 py-2 text-left text-sm text-slate-900 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";
  return (
    <div className="relative inline-block">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Actions for ${user.name}`}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-1 text-lg leading-none text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        ⋮
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={`Actions for ${user.name}`}
          onKeyDown={onKey}
          className="absolute right-0 z-20 mt-1 w-52 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {menuItems(user, can).map((entry) => (
            <li key={entry.label} role="none">
              {"href" in entry ? (
                <Link role="menuitem" tabIndex={-1} href={entry.href} className={item}>
                  {entry.label}
                </Link>
              ) : (
                <button
                  role="menuitem"
                  tabIndex={-1}
                  type="button"
                  className={entry.dialog === "delete" ? `${item} text-red-800` : item}
                  onClick={() => pick(entry.dialog)}
                >
                  {entry.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <UserActionDialogs user={user} dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}

/** The confirmations behind the menu and the user page's buttons. */
export function UserActionDialogs({
  user,
  dialog,
  onClose,
  afterDelete = "/users",
}: {
  user: ActionTarget;
  dialog: Pending;
  onClose: () => void;
  afterDelete?: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const run = (fn: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    start(async () => {
      const result = await fn();
      if (result.ok) {
        setError(null);
        onClose();
        toast(result.message ?? "Done.");
        if (after) after();
        else router.refresh();
      } else setError(result.message);
    });

  const close = () => {
    setError(null);
    onClose();
  };

  const simple = {
    deactivate: {
      title: `Deactivate ${user.name}?`,
      description: "They lose access on their next request, whatever session they hold. You can reactivate them later.",
      label: "Deactivate user",
      fn: () => deactivateUserAction(user.id),
    },
    reactivate: {
      title: `Reactivate ${user.name}?`,
      description: "They can sign in again.",
      label: "Reactivate user",
      fn: () => reactivateUserAction(user.id),
    },
    confirm: {
      title: `Confirm ${user.name}?`,
      description: "Their account becomes Active without waiting for them to register.",
      label: "Confirm user",
      fn: () => confirmUserAction(user.id),
    },
  } as const;

  if (dialog === "unblock")
    return <UnblockDialog user={user} pending={pending} error={error} onCancel={close} onUnblock={(reset) => run(() => unblockUserAction(user.id, reset))} />;
  if (dialog === "delete")
    return (
      <DeleteDialog
        user={user}
        pending={pending}
        error={error}
        onCancel={close}
        onDelete={(to) =>
          run(
            () => deleteUserAction(user.id, to),
            () => router.push(afterDelete),
          )
        }
      />
    );
  if (!dialog) return null;
  const d = simple[dialog];
  return (
    <ConfirmDialog
      open
      title={d.title}
      description={
        <>
          <p>{d.description}</p>
          {error ? (
            <div className="mt-3">
              <Alert>{error}</Alert>
            </div>
          ) : null}
        </>
      }
      confirmLabel={d.label}
      pending={pending}
      onCancel={close}
      onConfirm={() => run(d.fn)}
    />
  );
}

function DeleteDialog({
  user,
  pending,
  error,
  onCancel,
  onDelete,
}: {
  user: ActionTarget;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onDelete: (reassignTo: string | null) => void;
}) {
  const [clients, setClients] = useState<{ id: string; name: string }[] | null>(null);
  const [heir, setHeir] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    userClientsAction(user.id).then((r) => live && setClients(r.ok ? (r.data ?? []) : []));
    return () => {
      live = false;
    };
  }, [user.id]);
  const blocked = !!clients?.length && !heir;
  return (
    <Dialog
      open
      onClose={onCancel}
      title={`Delete ${user.name}?`}
      description="They lose access immediately. This cannot be undone; the audit trail keeps their name."
    >
      {clients === null ? <p className="text-sm text-slate-700">Checking assigned clients…</p> : null}
      {clients?.length ? (
        <div className="mb-4 flex flex-col gap-3">
          <p className="text-sm text-slate-900">
            {user.name} still has {clients.length} assigned client{clients.length === 1 ? "" : "s"}. Reassign them to another user to delete:
          </p>
          <ul className="max-h-32 list-disc overflow-auto pl-5 text-sm text-slate-800">
            {clients.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
          <UserPicker name="reassignClientsTo" label="Reassign all clients to" activeOnly excludeId={user.id} onChange={(u) => setHeir(u?.id ?? null)} />
        </div>
      ) : null}
      <DialogFooter error={error} onCancel={onCancel}>
        <Button variant="danger" disabled={pending || clients === null || blocked} onClick={() => onDelete(heir)}>
          {clients?.length ? "Reassign clients and delete" : "Delete user"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

function UnblockDialog({
  user,
  pending,
  error,
  onCancel,
  onUnblock,
}: {
  user: ActionTarget;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onUnblock: (sendPasswordReset: boolean) => void;
}) {
  const [reset, setReset] = useState(false);
  return (
    <Dialog open onClose={onCancel} title={`Unblock ${user.name}?`} description="They can sign in again, and receive an e-mail saying so.">
      <label className="mb-4 flex items-center gap-2 text-sm text-slate-900">
        <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} className="h-4 w-4 accent-blue-700" />
        Also send a password-reset link
      </label>
      <DialogFooter error={error} onCancel={onCancel}>
        <Button disabled={pending} onClick={() => onUnblock(reset)}>
          Unblock user
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
