"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { NewPasswordFields } from "@/components/auth/password-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resetPasswordAction } from "../../../password-actions";

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations("AuthPassword");
  const [state, action, pending, actionForm] = useActionForm(resetPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !errors ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={errors} />
      <Button type="submit" disabled={pending}>
        {t("reset.submit")}
      </Button>
    </form>
  );
}
