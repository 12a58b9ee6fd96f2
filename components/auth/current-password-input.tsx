"use client";

import { useState } from "react";
import type { ActionResult } from "@/app/actions-result";
import { Input } from "@/components/ui/input";

/**
 * The current password, asked to confirm a change. Controlled, so a submit refused for another field
 * (a weak new password, a mistyped e-mail) keeps it; emptied when it was the one refused, when the
 * refusal names no field (throttled, locked) and when the change is done. It never leaves the browser
 * except in the submit itself: the server echoes no password back.
 */
export function CurrentPasswordInput<T>({ label, state }: { label: string; state: ActionResult<T> | null }) {
  const [value, setValue] = useState("");
  const [answer, setAnswer] = useState(state);
  if (answer !== state) {
    setAnswer(state);
    if (state && (state.ok || !state.fieldErrors || state.fieldErrors.currentPassword?.length)) setValue("");
  }
  const error = state && !state.ok ? state.fieldErrors?.currentPassword : undefined;
  return (
    <Input
      name="currentPassword"
      label={label}
      type="password"
      autoComplete="current-password"
      required
      value={value}
      onChange={(e) => setValue(e.target.value)}
      error={error}
    />
  );
}
