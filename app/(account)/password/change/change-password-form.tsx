"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CurrentPasswordInput } from "@/components/auth/current-password-input";
import { NewPasswordFields } from "@/components/auth/password-fields";
import { changePasswordAction } from "./actions";

/** Current password, then the new one twice with the live strength hint. */
export function ChangePasswordForm({ context = [], landing = "account" }: { context?: string[]; landing?: "account" | "home" }) {
  const t = useTranslations("AuthPassword");
  const [state, action, pending, actionForm] = useActionForm(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !errors ? <Alert>{state.message}</Alert> : null}
      {landing === "home" ? <input type="hidden" name="landing" value="home" /> : null}
      <CurrentPasswordInput label={t("change.currentPassword")} state={state} />
      <NewPasswordFields errors={errors} context={context} replacing />
      <Button type="submit" disabled={pending}>
        {pending ? t("change.changing") : t("change.submit")}
      </Button>
    </form>
  );
}
