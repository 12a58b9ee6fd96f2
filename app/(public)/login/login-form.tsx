"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { signInAction } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("AuthLogin");
  const [state, action, pending, actionForm] = useActionForm(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !errors ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next} />
      {/* A refused attempt keeps what was typed as the username: only the password is cleared. */}
      <Input
        name="identifier"
        label={t("identifier")}
        autoComplete="username"
        required
        autoFocus
        defaultValue={state && !state.ok ? state.values?.identifier : undefined}
        error={errors?.identifier}
      />
      <Input name="password" label={t("password")} type="password" autoComplete="current-password" required error={errors?.password} />
      <Button type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
