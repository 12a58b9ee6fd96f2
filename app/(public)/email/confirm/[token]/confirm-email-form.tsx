"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import { confirmEmailChangeAction } from "../../../password-actions";

export function ConfirmEmailForm({ token }: { token: string }) {
  const t = useTranslations("EmailConfirmForm");
  const [state, action, pending, actionForm] = useActionForm(confirmEmailChangeAction, null);
  if (state?.ok)
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">{t("done", { email: state.data ?? "" })}</Alert>
        <Link href="/account" className="text-sm text-blue-800 underline">
          {t("toAccount")}
        </Link>
      </div>
    );
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4">
      {state && !state.ok ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending}>
        {pending ? t("confirming") : t("confirm")}
      </Button>
    </form>
  );
}
