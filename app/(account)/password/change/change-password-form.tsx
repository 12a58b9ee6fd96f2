"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending, actionForm] = useActionForm(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !errors ? <Alert>{state.message}</Alert> : null}
      <Input name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={errors?.currentPassword} />
      <Input
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters, different from the current one."
        error={errors?.password}
      />
      <Input name="confirmPassword" label="Repeat new password" type="password" autoComplete="new-password" required error={errors?.confirmPassword} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
