"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { signInAction } from "./actions";

/**
 * `notice`: what brought the visitor (a password changed, a session ended, signed out), shown until
 * the form answers an attempt: "Your password was changed" beside "Wrong password" said both at once.
 */
export function LoginForm({ next, notice }: { next: string; notice?: ReactNode }) {
  const t = useTranslations("AuthLogin");
  const [state, action, pending, actionForm] = useActionForm(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {notice && !state ? notice : null}
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
