"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { DialogReturnFocus } from "@/components/ui/dialog";
import { askToResend } from "./invitations-panel";
import { menuItems, UserActionDialogs, type ActionPermissions, type ActionTarget, type Pending } from "./user-actions";

/** The buttons of the user page: the same actions as the list's ⋮ menu, by the same rules. */
export function UserPageActions({ user, can }: { user: ActionTarget; can: ActionPermissions }) {
  const t = useTranslations("UsersActions");
  const [dialog, setDialog] = useState<Pending>(null);
  const entries = menuItems(user, can).filter((e) => !("href" in e) || !e.href.endsWith(user.id));
  // Deactivate becomes Reactivate, Confirm goes: the button that opened the dialog may be gone once
  // it is done. The focus goes to the button now in its place (else the first), not the page's start.
  const group = useRef<HTMLDivElement>(null);
  const openedAt = useRef(0);
  const inItsPlace = useCallback(() => {
    const buttons = group.current?.querySelectorAll<HTMLElement>(":scope > a, :scope > button");
    return buttons?.[openedAt.current] ?? buttons?.[0];
  }, []);
  return (
    <div ref={group} className="flex flex-wrap gap-2">
      {entries.map((entry, i) =>
        // The invitations panel below opens its dialog: a link to ?resend=1 from this page changed
        // the address and opened nothing (the panel reads it only when the page loads).
        entry.key === "resend" ? (
          <Button key={entry.key} variant="secondary" onClick={askToResend}>
            {t(`menu.${entry.key}`)}
          </Button>
        ) : "href" in entry ? (
          <Link key={entry.key} href={entry.href} className={buttonClasses(i === 0 ? "primary" : "secondary")}>
            {t(`menu.${entry.key}`)}
          </Link>
        ) : (
          <Button
            key={entry.key}
            variant={entry.dialog === "delete" ? "danger" : "secondary"}
            onClick={() => {
              openedAt.current = i;
              setDialog(entry.dialog);
            }}
          >
            {t(`menu.${entry.key}`)}
          </Button>
        ),
      )}
      <DialogReturnFocus.Provider value={inItsPlace}>
        <UserActionDialogs user={user} dialog={dialog} onClose={() => setDialog(null)} />
      </DialogReturnFocus.Provider>
    </div>
  );
}
