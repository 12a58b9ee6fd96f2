"use client";

import { useReach } from "@/components/ui/use-reach";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import { deleteUnitAction, saveUnitAction } from "@/app/(admin)/organization-actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogReturnFocus, useFocusWhenDone } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { UnitKind } from "@/lib/organization/units";

const unitsHeading = () => document.getElementById("units-title");

/** "New branch" / "New team": a one-field form. */
export function CreateUnitForm({ kind }: { kind: UnitKind }) {
  const t = useTranslations("OrgForms");
  const [state, action, pending, actionForm] = useActionForm(saveUnitAction.bind(null, kind), null);
  const failed = state && !state.ok ? state : null;
  // The notice names what was created, and goes as soon as the next name is typed.
  const [created, setCreated] = useState<string | null>(null);
  // The button is disabled while the name is sent, which drops the focus to the page's start: once
  // created, it goes back to the empty field, ready for the next name.
  const field = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.ok) field.current?.querySelector("input")?.focus();
  }, [state]);
  return (
    <form
      ref={actionForm}
      action={(data: FormData) => {
        setCreated(String(data.get("name") ?? "").trim());
        action(data);
      }}
      // Aligned to the top, the button level with the field: a refusal under the field grew the row
      // and took the button down with it.
      className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <div className="min-w-64" ref={field}>
        <Input
          name="name"
          label={t(`${kind}.newName`)}
          required
          defaultValue={failed?.values?.name}
          onInput={() => setCreated(null)}
          error={failed?.fieldErrors?.name ?? (failed && !failed.fieldErrors ? failed.message : undefined)}
        />
      </div>
      <div className="sm:pt-6">
        <Button type="submit" disabled={pending}>
          {t(`${kind}.create`)}
        </Button>
      </div>
      {state?.ok && created !== null && !pending ? (
        <p role="status" className="min-w-0 py-2 text-sm [overflow-wrap:anywhere] text-green-800 sm:pt-8">
          {t(`${kind}.created`, { name: created })}
        </p>
      ) : null}
    </form>
  );
}

/**
 * Rename in place, and delete after confirmation (refused while users belong to it; `membersHref`,
 * the user list filtered by it, where they can be moved, when the reader may see that list).
 */
export function UnitRowActions({ kind, id, name, members, membersHref }: { kind: UnitKind; id: string; name: string; members: number; membersHref?: string }) {
  const t = useTranslations("OrgForms");
  const reach = useReach();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  const renameButton = useRef<HTMLButtonElement>(null);
  // Once deleted, the row and its buttons go: the focus goes to the page's heading, not its start.
  const { returnTo, done } = useFocusWhenDone(unitsHeading);
  const stopEditing = () => setEditing(false);
  // Back to the row's Rename button, where the person was, once it is rendered again: after a save
  // that is when the action's transition commits, later than a frame (the focus fell to <body>).
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const [state, action, saving, actionForm] = useActionForm(async (prev: Awaited<ReturnType<typeof saveUnitAction>> | null, formData: FormData) => {
    const result = await reach(saveUnitAction(kind, prev, formData));
    if (result.ok) {
      stopEditing();
      // The same name again changes nothing, and says so.
      toast(result.data?.changed === false ? t("unchanged", { name }) : t("renamed", { name: String(formData.get("name")) }));
    }
    return result;
  }, null);
  const failed = state && !state.ok ? state : null;

  if (editing)
    return (
      <form
        ref={actionForm}
        action={action}
        className="flex flex-wrap items-end gap-2"
        noValidate
        onKeyDown={(e) => {
          if (e.key === "Escape") stopEditing();
        }}
      >
        <input type="hidden" name="id" value={id} />
        <Input
          name="name"
          idKey={`rename-${id}`}
          autoFocus
          label={t("newNameFor", { name })}
          defaultValue={failed?.values?.name ?? name}
          error={failed?.fieldErrors?.name ?? (failed && !failed.fieldErrors ? failed.message : undefined)}
        />
        <Button type="submit" disabled={saving}>
          {t("save")}
        </Button>
        <Button variant="secondary" onClick={stopEditing}>
          {t("cancel")}
        </Button>
      </form>
    );
  return (
    <div className="flex gap-2">
      <Button ref={renameButton} variant="secondary" onClick={() => setEditing(true)} aria-label={t("renameLabel", { name })}>
        {t("rename")}
      </Button>
      <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={t("deleteLabel", { name })}>
        {t("delete")}
      </Button>
      <DialogReturnFocus.Provider value={returnTo}>
        <ConfirmDialog
          open={confirming}
          title={t(`${kind}.deleteTitle`, { name })}
          description={
            <>
              <p>{members ? t(`${kind}.deleteMembers`, { count: members }) : t(`${kind}.deleteEmpty`)}</p>
              {members && membersHref ? (
                <p className="mt-2">
                  <Link href={membersHref} className="text-blue-800 underline">
                    {t("showMembers", { count: members })}
                  </Link>
                </p>
              ) : null}
            </>
          }
          error={error}
          confirmLabel={t(`${kind}.deleteConfirm`)}
          pending={pending}
          blocked={members > 0}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
          onConfirm={() =>
            start(async () => {
              const result = await reach(deleteUnitAction(kind, id));
              if (result.ok) {
                done();
                setConfirming(false);
                toast(t("deleted", { name }));
              } else setError(result.message);
            })
          }
        />
      </DialogReturnFocus.Provider>
    </div>
  );
}
