"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { FlashNotice } from "@/components/ui/flash-notice";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { forgotPasswordAction } from "../../password-actions";

export function ForgotForm() {
  const t = useTranslations("AuthPassword");
  const [state, action, pending, actionForm] = useActionForm(forgotPasswordAction, null);
  // The form goes: its answer takes the focus, rather than the page's start.
  if (state?.ok)
    return (
      <FlashNotice stamp="sent">
        <Alert tone="success">{state.message}</Alert>
      </FlashNotice>
    );
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
