"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { UserActionDialogs, type ActionPermissions, type ActionTarget, type Pending } from "./user-actions";

/** The buttons of the user page: the same actions as the list's ⋮ menu. */
export function UserPageActions({ user, can }: { user: ActionTarget; can: ActionPermissions }) {
  const [dialog, setDialog] = useState<Pending>(null);
  return (
    <div className="flex flex-wrap gap-2">
      {can.update ? (
        <Link href={`/users/${user.id}/edit`} className={buttonClasses("primary")}>
          Edit user
        </Link>
      ) : null}
      {can.permissions ? (
        <Link href={`/users/${user.id}/permissions`} className={buttonClasses("secondary")}>
          Edit permissions
        </Link>
      ) : null}
      {can.update && user.locked ? (
        <Button variant="secondary" onClick={() => setDialog("unblock")}>
          Unblock user
        </Button>
      ) : null}
      {can.update && user.status === "pending" ? (
        <Button variant="secondary" onClick={() => setDialog("confirm")}>
          Confirm user
        </Button>
      ) : null}
      {can.update && user.status === "active" ? (
        <Button variant="secondary" onClick={() => setDialog("deactivate")}>
          Deactivate user
        </Button>
      ) : null}
      {can.update && user.status === "inactive" ? (
        <Button variant="secondary" onClick={() => setDialog("reactivate")}>
          Reactivate user
        </Button>
      ) : null}
      {can.delete ? (
        <Button variant="danger" onClick={() => setDialog("delete")}>
          Delete user
        </Button>
      ) : null}
      <UserActionDialogs user={user} dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
