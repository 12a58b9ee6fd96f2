"use client";

import { useReach } from "@/components/ui/use-reach";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import { UnsavedBadge } from "@/components/ui/unsaved-badge";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";
import { deleteRoleAction, saveRoleAction } from "@/app/(admin)/roles/actions";
import { focusOnArrival } from "@/components/ui/focus-on-arrival";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { membersHref } from "@/components/organization/members-link";
import { PermissionToggles } from "./permission-toggles";

export function RoleForm({
  role,
  held,
  listMembers = false,
}: {
  role?: {
    id: string;
    name: string;
    description: string;
    /** A built-in role's seeded description, shown translated: sent back as stored when left as shown. */
    seed?: { shown: string; stored: string };
    builtIn: boolean;
    isAdministrator: boolean;
    members: number;
    permissions: string[];
  };
  held: string[];
  /** The reader may list users: a role still held links to its holders in the user list. */
  listMembers?: boolean;
}) {
  const [state, action, pending, actionForm] = useActionForm(saveRoleAction, null);
  const failed = state && !state.ok ? state : null;
  // A saved role's page leads away (a redirect): leaving it otherwise with changes asks first.
  const { dirty, check } = useUnsavedChanges(actionForm);
  // What was sent, shown again when it is refused: React empties a form after its action, back to
  // the defaults, and the name, description and ticked permissions were lost with it.
  const [sent, setSent] = useState<{ name: string; description: string; permissions: string[] } | null>(null);
  const shown = failed && sent ? sent : { name: role?.name, description: role?.description, permissions: role?.permissions ?? [] };
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, start] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useTranslations("RolesForm");
  const reach = useReach();
  return (
    <form
      ref={actionForm}
      action={(data: FormData) => {
        setSent({
          name: String(data.get("name") ?? ""),
          description: String(data.get("description") ?? ""),
          permissions: data.getAll("permissions").map(String),
        });
        action(data);
      }}
      onInput={check}
      onChange={check}
      className="flex flex-col gap-5"
      noValidate
    >
      {failed ? <Alert>{failed.fieldErrors?.permissions?.[0] ?? failed.message}</Alert> : null}
      {role ? <input type="hidden" name="roleId" value={role.id} /> : null}
      {role?.seed ? (
        <>
          <input type="hidden" name="seedShown" value={role.seed.shown} />
          <input type="hidden" name="seedStored" value={role.seed.stored} />
        </>
      ) : null}
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <Input
          name="name"
          label={t("name")}
          required
          defaultValue={shown.name}
          readOnly={role?.builtIn}
          hint={role?.builtIn ? t("builtInName") : undefined}
          error={failed?.fieldErrors?.name}
        />
        <Input name="description" label={t("description")} defaultValue={shown.description} error={failed?.fieldErrors?.description} />
      </div>
      {role?.isAdministrator ? <Alert tone="info">{t("administratorHoldsAll")}</Alert> : null}
      {role?.isAdministrator ? role.permissions.map((p) => <input key={p} type="hidden" name="permissions" value={p} />) : null}
      <PermissionToggles selected={shown.permissions} disabled={role?.isAdministrator} held={held} />
      <div className="flex flex-wrap items-center gap-3">
        {/* An existing role with nothing changed has nothing to save; a new one says what it lacks. */}
        <Button type="submit" disabled={pending || (!!role && !dirty && !failed)}>
          {pending ? t("saving") : role ? t("save") : t("create")}
        </Button>
        <Link href="/roles" className={buttonClasses("secondary")}>
          {t("cancel")}
        </Link>
        {role && !role.builtIn ? (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t("delete")}
          </Button>
        ) : null}
        {role ? <UnsavedBadge dirty={dirty} /> : null}
      </div>
      {role && !role.builtIn ? (
        <ConfirmDialog
          open={confirming}
          title={t("deleteTitle", { name: role.name })}
          description={
            <>
              <p>{role.members ? t("deleteHeld", { count: role.members }) : t("deleteUnheld")}</p>
              {role.members && listMembers ? (
                <p className="mt-2">
                  <Link href={membersHref("role", role.id)} className="text-blue-800 underline">
                    {t("showMembers", { count: role.members })}
                  </Link>
                </p>
              ) : null}
              {deleteError ? (
                <div className="mt-3">
                  <Alert>{deleteError}</Alert>
                </div>
              ) : null}
            </>
          }
          confirmLabel={t("delete")}
          pending={deleting}
          blocked={role.members > 0}
          onCancel={() => {
            setConfirming(false);
            setDeleteError(null);
          }}
          onConfirm={() =>
            start(async () => {
              const r = await reach(deleteRoleAction(role.id));
              if (r.ok) {
                toast(r.message ?? t("deleted"));
                router.push("/roles");
                focusOnArrival("#roles-title");
              } else setDeleteError(r.message);
            })
          }
        />
      ) : null}
    </form>
  );
}
