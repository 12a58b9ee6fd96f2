"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(admin)/settings/api-keys/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { ConfirmDialog, DialogReturnFocus, useFocusWhenDone } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/ui/use-action-form";

/**
 * "New API key": name, role and an optional expiry; the key is shown once, here, after it is made,
 * until it is revoked (`liveIds`: the keys still in force).
 */
export function CreateApiKeyForm({ roles, liveIds }: { roles: { id: string; name: string }[]; liveIds: string[] }) {
  const t = useTranslations("ApiKeysForm");
  const [state, action, pending, actionForm] = useActionForm(createApiKeyAction, null);
  const failed = state && !state.ok ? state : null;
  const made = state?.ok && state.data && liveIds.includes(state.data.id) ? state.data : undefined;
  // The key, once made, is what to read and copy next: the focus goes to it (the Create button,
  // disabled while sending, had dropped it to the page's start).
  const panel = useRef<HTMLDivElement>(null);
  const madeId = made?.id;
  useEffect(() => {
    if (madeId) panel.current?.focus();
  }, [madeId]);
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{t("newKey")}</h2>
      {made ? (
        <div ref={panel} tabIndex={-1} className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 outline-none" role="status">
          <p className="text-sm font-medium text-amber-950">{t("copyNow")}</p>
          <CopyField label={t("yourKey", { name: made.name })} value={made.key} />
        </div>
      ) : null}
      {failed && !failed.fieldErrors ? <Alert>{failed.message}</Alert> : null}
      <form ref={actionForm} action={action} className="flex flex-wrap items-start gap-3" noValidate>
        <div className="min-w-64 flex-1">
          <Input name="name" label={t("name")} hint={t("nameHint")} required defaultValue={failed?.values?.name} error={failed?.fieldErrors?.name} />
        </div>
        <div className="min-w-48">
          <Select
            name="roleId"
            label={t("role")}
            required
            placeholder={t("chooseRole")}
            defaultValue={failed?.values?.roleId ?? ""}
            options={roles.map((r) => ({ value: r.id, label: r.name }))}
            error={failed?.fieldErrors?.roleId}
          />
        </div>
        <div className="min-w-40">
          <Input
            name="expiresOn"
            type="date"
            label={t("expiresOn")}
            hint={t("expiresHint")}
            defaultValue={failed?.values?.expiresOn}
            error={failed?.fieldErrors?.expiresOn}
          />
        </div>
        <div className="pt-6">
          <Button type="submit" disabled={pending}>
            {t("create")}
          </Button>
        </div>
      </form>
    </div>
  );
}

const keysHeading = () => document.getElementById("api-keys-title");

/** Revoke, after a confirmation that says what stops working. */
export function ApiKeyRevoke({ id, name }: { id: string; name: string }) {
  const t = useTranslations("ApiKeysForm");
  const reach = useReach();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  // A revoked key's button goes with its state: the focus goes to the page's heading, not its start.
  const { returnTo, done } = useFocusWhenDone(keysHeading);
  return (
    <DialogReturnFocus.Provider value={returnTo}>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={t("revokeLabel", { name })}>
        {t("revoke")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("revokeTitle", { name })}
        description={<p>{t("revokeBody")}</p>}
        error={error}
        confirmLabel={t("revokeConfirm")}
        pending={pending}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
        onConfirm={() =>
          start(async () => {
            const result = await reach(revokeApiKeyAction(id));
            if (result.ok) {
              done();
              setOpen(false);
              toast(t("revoked", { name }));
            } else setError(result.message);
          })
        }
      />
    </DialogReturnFocus.Provider>
  );
}
