"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { forgotPasswordAction } from "../../password-actions";

export function ForgotForm() {
  const [state, action, pending] = useActionState(forgotPasswordAction, null);
  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !state.fieldErrors ? <Alert>{state.message}</Alert> : null}
      <Input
        name="identifier"
        label="Username or e-mail"
        autoComplete="username"
        required
        error={state && !state.ok ? state.fieldErrors?.identifier : undefined}
      />
      <Button type="submit" disabled={pending}>
        Send reset link
      </Button>
    </form>
  );
}
