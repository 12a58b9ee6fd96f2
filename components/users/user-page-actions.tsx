"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { menuItems, UserActionDialogs, type ActionPermissions, type ActionTarget, type Pending } from "./user-actions";

/** The buttons of the user page: the same actions as the list's ⋮ menu, by the same rules. */
export function UserPageActions({ user, can }: { user: ActionTarget; can: ActionPermissions }) {
  const t = useTranslations("UsersActions");
  const [dialog, setDialog] = useState<Pending>(null);
  const entries = menuItems(user, can).filter((e) => !("href" in e) || !e.href.endsWith(user.id));
  return (
    <div className="flex flex-wrap gap-2">
      {entries.map((entry, i) =>
        "href" in entry ? (
          <Link key={entry.key} href={entry.href} className={buttonClasses(i === 0 ? "primary" : "secondary")}>
            {t(`menu.${entry.key}`)}
          </Link>
        ) : (
          <Button key={entry.key} variant={entry.dialog === "delete" ? "danger" : "secondary"} onClick={() => setDialog(entry.dialog)}>
            {t(`menu.${entry.key}`)}
          </Button>
        ),
      )}
      <UserActionDialogs user={user} dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
