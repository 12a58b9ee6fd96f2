"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { signInAction } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !errors ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next} />
      <Input name="identifier" label="Username or e-mail" autoComplete="username" required autoFocus error={errors?.identifier} />
      <Input name="password" label="Password" type="password" autoComplete="current-password" required error={errors?.password} />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
