"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NewPasswordFields } from "@/components/auth/password-fields";
import { setupAction } from "./actions";

export function SetupForm() {
  const t = useTranslations("SetupForm");
  const [state, action, pending, actionForm] = useActionForm(setupAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // React resets a form after its action; the submitted values come back so nothing typed is lost.
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok ? <Alert>{state.message}</Alert> : null}
      <div className="grid grid-cols-2 gap-4">
        <Input name="firstName" defaultValue={values?.firstName} label={t("firstName")} autoComplete="given-name" required error={errors?.firstName} />
        <Input name="lastName" defaultValue={values?.lastName} label={t("lastName")} autoComplete="family-name" required error={errors?.lastName} />
      </div>
      <Input name="username" defaultValue={values?.username} label={t("username")} autoComplete="username" required error={errors?.username} />
      <Input name="email" defaultValue={values?.email} label={t("email")} type="email" autoComplete="email" required error={errors?.email} />
      <NewPasswordFields errors={errors} />
      <Button type="submit" disabled={pending}>
        {pending ? t("creating") : t("submit")}
      </Button>
    </form>
  );
}
