"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import {
  confirmUserAction,
  deactivateUserAction,
  deleteUserAction,
  reactivateUserAction,
  unblockUserAction,
  userClientsAction,
} from "@/app/(admin)/users/actions";
import type { ActionResult } from "@/app/actions-result";
import { ConfirmDialog, Dialog, DialogFooter, DialogReturnFocus, focusOpener } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Menu, type MenuEntry } from "@/components/ui/menu";
import { useLazyMessages } from "@/components/shell/lazy-messages";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { UserPicker } from "./user-picker";

export interface ActionTarget {
  id: string;
  name: string;
  status: "pending" | "active" | "inactive";
  locked: boolean;
  /** The signed-in administrator's own account: nobody deactivates or deletes themselves. */
  self?: boolean;
  /** Holds a permission the signed-in user does not: nobody acts on them but to look (assertOutranks). */
  outranks?: boolean;
}

export interface ActionPermissions {
  update: boolean;
  delete: boolean;
  /** "view": the permissions page, read-only for this reader (the user page links it for anyone who may view users). */
  permissions?: boolean | "view";
  /** Resend invitation (users.create, as the invitation verbs require). */
  invite?: boolean;
}

export type Pending = "deactivate" | "reactivate" | "confirm" | "unblock" | "delete" | null;

/** A menu entry's stable key; its label is `menu.<key>` in the UsersActions catalog. */
export type MenuKey = "view" | "edit" | "permissions" | "viewPermissions" | "unblock" | "resend" | "confirm" | "deactivate" | "reactivate" | "delete";

type Entry = { key: MenuKey; href: string } | { key: MenuKey; dialog: Exclude<Pending, null> };

/**
 * What the ⋮ menu (and the user page's buttons) offer for this user, in the reference articles'
 * order. What the rules forbid is not offered: nobody deactivates or deletes themselves, nor acts on
 * someone who holds a permission they do not (View only: their page shows why). Entries
 * carry keys, not labels: the components translate them (`t(`menu.${entry.key}`)`).
 */
export function menuItems(user: ActionTarget, allowed: ActionPermissions): Entry[] {
  const can = user.outranks ? { update: false, delete: false, permissions: false, invite: false } : allowed;
  const entries: (Entry | false)[] = [
    { key: "view", href: `/users/${user.id}` },
    can.update && { key: "edit", href: `/users/${user.id}/edit` },
    !!can.permissions && !user.self && { key: can.permissions === "view" ? "viewPermissions" : "permissions", href: `/users/${user.id}/permissions` },
    can.update && user.locked && { key: "unblock", dialog: "unblock" },
    !!can.invite && user.status === "pending" && { key: "resend", href: `/users/${user.id}?resend=1` },
    can.update && user.status === "pending" && { key: "confirm", dialog: "confirm" },
    can.update && !user.self && user.status === "active" && { key: "deactivate", dialog: "deactivate" },
    can.update && user.status === "inactive" && { key: "reactivate", dialog: "reactivate" },
    can.delete && !user.self && { key: "delete", dialog: "delete" },
  ];
  return entries.filter((e): e is Entry => !!e);
}

interface RowMenus {
  can: ActionPermissions;
  open: (user: ActionTarget, dialog: Exclude<Pending, null>) => void;
}
const RowMenusContext = createContext<RowMenus | null>(null);

/**
 * Wraps a list of users: the permissions are sent once, and the confirmation dialogs are rendered
 * once, pointed at the row whose menu asked for them.
 */
export function UserRowMenus({ can, children }: { can: ActionPermissions; children: ReactNode }) {
  const [state, setState] = useState<{ user: ActionTarget; dialog: Pending; opener: HTMLElement | null } | null>(null);
  // Once its row is deleted: the ⋮ of the row beside it, found before the refresh takes the row away
  // (the dialog closes in the same commit, when the deleted row's siblings can no longer be read).
  const beside = useRef<HTMLElement | null>(null);
  const value = useMemo<RowMenus>(
    () => ({
      can,
      open: (user, dialog) => {
        beside.current = null;
        setState({ user, dialog, opener: focusOpener() });
      },
    }),
    [can],
  );
  // The row's ⋮ gets the focus back when the dialog closes (the menu item that opened it is gone);
  // once its row is deleted, the ⋮ of the row that takes its place (else the list's heading).
  const opener = state?.opener;
  const returnTo = useCallback(() => (beside.current ? beside.current : opener), [opener]);
  return (
    <RowMenusContext.Provider value={value}>
      {children}
      {state ? (
        <DialogReturnFocus.Provider value={returnTo}>
          {/* A user deleted from the list leaves the list as it was (its search, filters, page), one row shorter. */}
          <UserActionDialogs user={state.user} dialog={state.dialog} onClose={() => setState(null)} afterDelete={() => (beside.current = besideRow(opener))} />
        </DialogReturnFocus.Provider>
      ) : null}
    </RowMenusContext.Provider>
  );
}

/** The ⋮ of the row after (else before) the row a button sits in; the page's heading for the last row. */
function besideRow(button: HTMLElement | null | undefined): HTMLElement | null {
  const row = button?.closest("tr");
  const other = row?.nextElementSibling ?? row?.previousElementSibling;
  const next = other?.querySelector<HTMLElement>("td:last-child button");
  if (next) return next;
  const heading = document.querySelector<HTMLElement>("main h1");
  heading?.setAttribute("tabindex", "-1");
  return heading;
}

/**
 * The row's ⋮ menu (Radix DropdownMenu through components/ui/menu, portalled: no table clips it).
 * `labelledBy`: the ids that name it "Actions for <name>" (UsersActions.actionsLead, then the name).
 */
export function UserRowActions({ user, labelledBy }: { user: ActionTarget; labelledBy?: string }) {
  const t = useTranslations("UsersActions");
  const menus = useContext(RowMenusContext);
  const { load } = useLazyMessages();
  if (!menus) throw new Error("UserRowActions must be inside UserRowMenus.");
  // Built when the menu first opens: until then the row's ⋮ is a plain button (components/ui/menu.tsx).
  const entries = (): MenuEntry[] =>
    menuItems(user, menus.can).map((entry) =>
      "href" in entry
        ? { label: t(`menu.${entry.key}`), href: entry.href }
        : { label: t(`menu.${entry.key}`), onSelect: () => menus.open(user, entry.dialog), tone: entry.dialog === "delete" ? "danger" : undefined },
    );
  // Named by reference in the list: the label's words are only needed once the menu opens, with its catalog here.
  return <Menu label={() => t("actionsFor", { name: user.name })} labelledBy={labelledBy} trigger="⋮" entries={entries} prepare={load} bare />;
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
  /** Where a deletion leads (the user's own page is gone), or what to do before the page refreshes in place. */
  afterDelete?: string | (() => void);
}) {
  const t = useTranslations("UsersActions");
  const reach = useReach();
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  // The refresh, the closing and the toast are one transition: React commits them together, so the
  // toast never shows while the page still says the old status.
  const run = (fn: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    start(async () => {
      const result = await reach(fn());
      if (!result.ok) {
        // Gone since this page was drawn (deleted in another tab): the page itself is stale, so it is
        // drawn again (the user's page becomes "not found"; the list loses the row), with the reason.
        if (result.code === "not_found") {
          startTransition(() => {
            router.refresh();
            close();
          });
          return toast(result.message, "error");
        }
        return setError(result.message);
      }
      startTransition(() => {
        if (after) after();
        else router.refresh();
        setError(null);
        onClose();
        toast(result.message ?? t("done"));
      });
    });

  const close = () => {
    setError(null);
    onClose();
  };

  const simple = {
    deactivate: () => deactivateUserAction(user.id),
    reactivate: () => reactivateUserAction(user.id),
    confirm: () => confirmUserAction(user.id),
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
            () => {
              if (typeof afterDelete === "string") return router.push(afterDelete);
              afterDelete();
              router.refresh();
            },
          )
        }
      />
    );
  if (!dialog) return null;
  return (
    <ConfirmDialog
      open
      title={t(`${dialog}.title`, { name: user.name })}
      description={
        <>
          <p>{t(`${dialog}.description`)}</p>
          {error ? (
            <div className="mt-3">
              <Alert>{error}</Alert>
            </div>
          ) : null}
        </>
      }
      confirmLabel={t(`${dialog}.confirm`)}
      pending={pending}
      onCancel={close}
      onConfirm={() => run(simple[dialog])}
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
  const t = useTranslations("UsersActions.delete");
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
    <Dialog open onClose={onCancel} title={t("title", { name: user.name })} description={t("description")}>
      {clients === null ? <p className="text-sm text-slate-700">{t("checking")}</p> : null}
      {clients?.length ? (
        <div className="mb-4 flex flex-col gap-3">
          <p className="text-sm text-slate-900">{t("stillHas", { name: user.name, count: clients.length })}</p>
          <ul className="max-h-32 list-disc overflow-auto pl-5 text-sm text-slate-800">
            {clients.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
          <UserPicker name="reassignClientsTo" label={t("reassignTo")} activeOnly excludeId={user.id} onChange={(u) => setHeir(u?.id ?? null)} />
        </div>
      ) : null}
      <DialogFooter error={error} onCancel={onCancel}>
        <Button variant="danger" disabled={pending || clients === null || blocked} onClick={() => onDelete(heir)}>
          {clients?.length ? t("reassignAndDelete") : t("confirm")}
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
  const t = useTranslations("UsersActions.unblock");
  const [reset, setReset] = useState(false);
  return (
    <Dialog open onClose={onCancel} title={t("title", { name: user.name })} description={t("description")}>
      <label className="mb-4 flex items-center gap-2 text-sm text-slate-900">
        <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} className="h-4 w-4 accent-blue-700" />
        {t("alsoReset")}
      </label>
      <DialogFooter error={error} onCancel={onCancel}>
        <Button disabled={pending} onClick={() => onUnblock(reset)}>
          {t("confirm")}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
