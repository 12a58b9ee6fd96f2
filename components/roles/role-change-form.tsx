"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setUserRoleAction } from "@/app/(admin)/users/[id]/permissions/actions";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";

/**
 * The user's role, changed on its own: "Edit permissions" is what changes a role, and the user form
 * also needs "Update users". `roles`: only those the reader may give (and the user's own).
 */
export function RoleChangeForm({
  userId,
  userName,
  roleId,
  roles,
}: {
  userId: string;
  userName: string;
  roleId: string;
  roles: { id: string; name: string; builtIn: boolean }[];
}) {
  const t = useTranslations("PermissionsEditor");
  const reach = useReach();
  const router = useRouter();
  const toast = useToast();
  const [choice, setChoice] = useState(roleId);
  // The page's refresh after a change brings the new role: the choice follows it. (The form is not
  // keyed by the role, so it stays mounted and the focus on the role stays where it was.)
  const [shownRole, setShownRole] = useState(roleId);
  if (shownRole !== roleId) {
    setShownRole(roleId);
    setChoice(roleId);
  }
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        start(async () => {
          const result = await reach(setUserRoleAction(userId, choice));
          if (!result.ok) return setError(result.message);
          setError(null);
          toast(result.message ?? t("roleChangedFallback"));
          // The button goes disabled under the focus (the role is now the chosen one): the focus
          // goes to the role it changed, not to the page's start.
          form.querySelector("select")?.focus();
          router.refresh();
        });
      }}
    >
      <div className="min-w-64">
        <Select
          name="roleId"
          label={t("roleLabel", { name: userName })}
          value={choice}
          onChange={(e) => {
            setChoice(e.currentTarget.value);
            setError(null);
          }}
          // Marked as the user form marks them: a custom role named like a built-in one is told apart.
          options={roles.map((r) => ({ value: r.id, label: r.builtIn ? r.name : t("customRole", { name: r.name }) }))}
          error={error ?? undefined}
        />
      </div>
      {/* Level with the field, below its label. */}
      <Button type="submit" variant="secondary" className="sm:mt-6" disabled={pending || choice === roleId}>
        {pending ? t("changingRole") : t("changeRole")}
      </Button>
    </form>
  );
}
