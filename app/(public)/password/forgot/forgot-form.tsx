"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { forgotPasswordAction } from "../../password-actions";

export function ForgotForm() {
  const t = useTranslations("AuthPassword");
  const [state, action, pending, actionForm] = useActionForm(forgotPasswordAction, null);
  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !state.fieldErrors ? <Alert>{state.message}</Alert> : null}
      <Input
        name="identifier"
        label={t("forgot.identifier")}
        hint={t("forgot.identifierHint")}
        autoComplete="username"
        required
        error={state && !state.ok ? state.fieldErrors?.identifier : undefined}
      />
      <Button type="submit" disabled={pending}>
        {t("forgot.submit")}
      </Button>
    </form>
  );
}
