"use client";

import { useState, useTransition } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import { deleteUnitAction, saveUnitAction } from "@/app/(admin)/organization-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { UnitKind } from "@/lib/organization/units";

/** "New branch" / "New team": a one-field form. */
export function CreateUnitForm({ kind, label }: { kind: UnitKind; label: string }) {
  const [state, action, pending, actionForm] = useActionForm(saveUnitAction.bind(null, kind), null);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={actionForm} action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <div className="min-w-64">
        <Input
          name="name"
          label={`New ${label} name`}
          required
          defaultValue={failed?.values?.name}
          error={failed?.fieldErrors?.name ?? (failed && !failed.fieldErrors ? failed.message : undefined)}
        />
      </div>
      <Button type="submit" disabled={pending}>
        Create {label}
      </Button>
      {state?.ok ? (
        <p role="status" className="py-2 text-sm text-green-800">
          {label[0].toUpperCase() + label.slice(1)} created.
        </p>
      ) : null}
    </form>
  );
}

/** Rename in place, and delete after confirmation (refused while users belong to it). */
export function UnitRowActions({ kind, label, id, name, members }: { kind: UnitKind; label: string; id: string; name: string; members: number }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  const [state, action, saving, actionForm] = useActionForm(async (prev: Awaited<ReturnType<typeof saveUnitAction>> | null, formData: FormData) => {
    const result = await saveUnitAction(kind, prev, formData);
    if (result.ok) {
      setEditing(false);
      toast(`Renamed to ${formData.get("name")}.`);
    }
    return result;
  }, null);
  const failed = state && !state.ok ? state : null;

  if (editing)
    return (
      <form ref={actionForm} action={action} className="flex flex-wrap items-end gap-2" noValidate>
        <input type="hidden" name="id" value={id} />
        <Input
          name="name"
          label={`New name for ${name}`}
          defaultValue={failed?.values?.name ?? name}
          error={failed?.fieldErrors?.name ?? (failed && !failed.fieldErrors ? failed.message : undefined)}
        />
        <Button type="submit" disabled={saving}>
          Save
        </Button>
        <Button variant="secondary" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </form>
    );
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`Rename ${name}`}>
        Rename
      </Button>
      <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
        Delete
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${label} ${name}?`}
        description={
          <>
            <p>{members ? `${members} user${members === 1 ? " belongs" : "s belong"} to it: move them first.` : `No user belongs to this ${label}.`}</p>
            {error ? (
              <div className="mt-3">
                <Alert>{error}</Alert>
              </div>
            ) : null}
          </>
        }
        confirmLabel={`Delete ${label}`}
        pending={pending}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
        onConfirm={() =>
          start(async () => {
            const result = await deleteUnitAction(kind, id);
            if (result.ok) {
              setConfirming(false);
              toast(`${name} deleted.`);
            } else setError(result.message);
          })
        }
      />
    </div>
  );
}
