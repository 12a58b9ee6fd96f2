"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { updateSecuritySettingsAction } from "../actions";

const FIELDS = [
  ["lockout.maxFailedAttempts", "Wrong passwords in a row before the account locks", "The next one locks it: with 5, the 6th wrong password locks."],
  ["lockout.inactivityDays", "Days without sign-in before the account locks", "0 turns the inactivity lock off."],
  [
    "password.maxAgeDays",
    "Password age in days before it must be changed",
    "0 turns expiry off, as NIST SP 800-63B recommends; 120 follows the reference rule.",
  ],
  ["password.expiryWarningDays", "Days of warning before a password expires", ""],
  ["invitation.expiryDays", "Days an invitation link stays valid", ""],
  ["session.absoluteHours", "Hours a session lasts at most", ""],
  ["session.idleMinutes", "Minutes of inactivity that end a session", ""],
] as const;

export function SecuritySettingsForm({ values }: { values: Record<string, number> }) {
  const [state, action, pending, actionForm] = useActionForm(updateSecuritySettingsAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      {failed ? <Alert>{failed.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      {FIELDS.map(([name, label, hint]) => (
        <Input
          key={name}
          name={name}
          label={label}
          hint={hint || undefined}
          type="number"
          inputMode="numeric"
          required
          defaultValue={failed?.values?.[name] ?? String(values[name])}
          error={failed?.fieldErrors?.[name]}
          className="max-w-40"
        />
      ))}
      <div>
        <Button type="submit" disabled={pending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
