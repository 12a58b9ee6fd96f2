"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Checkbox } from "@/components/ui/checkbox";
import { updateSecuritySettingsAction } from "../actions";

/** Each setting and whether it has a hint; the texts live in the SettingsForms catalog under the setting's name. */
const FIELDS = [
  ["lockout.maxFailedAttempts", true],
  ["lockout.inactivityDays", true],
  ["password.maxAgeDays", true],
  ["password.expiryWarningDays", false],
  ["invitation.expiryDays", false],
  ["session.absoluteHours", false],
  ["session.idleMinutes", false],
  ["api.rateLimitPerMinute", true],
  ["import.invitationsPerMinute", true],
  ["import.fileRetentionDays", true],
] as const;

/** The switches: a typed password's fate, and what users may change on their own account. */
const SWITCHES = [
  "password.adminSetIsTemporary",
  "account.editName",
  "account.editPhone",
  "account.editPicture",
  "account.editEmail",
  "account.editNotifications",
] as const;

export function SecuritySettingsForm({ values }: { values: Record<string, number | boolean> }) {
  const [state, action, pending, actionForm] = useActionForm(updateSecuritySettingsAction, null);
  const failed = state && !state.ok ? state : null;
  const t = useTranslations("SettingsForms");
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      {failed ? <Alert>{failed.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      {FIELDS.map(([name, hasHint]) => (
        <Input
          key={name}
          name={name}
          label={t(`fields.${name}.label`)}
          hint={hasHint ? t(`fields.${name}.hint`) : undefined}
          type="number"
          inputMode="numeric"
          required
          defaultValue={failed?.values?.[name] ?? String(values[name])}
          error={failed?.fieldErrors?.[name]}
          className="max-w-40"
        />
      ))}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("selfService")}</legend>
        {SWITCHES.map((name) => (
          <Checkbox
            key={name}
            name={name}
            label={t(`fields.${name}.label`)}
            defaultChecked={failed?.values ? failed.values[name] === "on" : values[name] === true}
          />
        ))}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
