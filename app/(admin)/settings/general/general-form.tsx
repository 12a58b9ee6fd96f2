"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateGeneralSettingsAction } from "../actions";

/** Organization name and time zone (every IANA zone the server knows, in a select). */
export function GeneralSettingsForm({ values, zones }: { values: { name: string; timeZone: string }; zones: string[] }) {
  const [state, action, pending, form] = useActionForm(updateGeneralSettingsAction, null);
  const failed = state && !state.ok ? state : null;
  const t = useTranslations("SettingsGeneralForm");
  return (
    <form ref={form} action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      {failed ? <Alert>{failed.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      <Input
        name="organization.name"
        label={t("name")}
        required
        defaultValue={failed?.values?.["organization.name"] ?? values.name}
        error={failed?.fieldErrors?.["organization.name"]}
      />
      <Select
        name="organization.timeZone"
        label={t("timeZone")}
        hint={t("timeZoneHint")}
        required
        defaultValue={failed?.values?.["organization.timeZone"] ?? values.timeZone}
        error={failed?.fieldErrors?.["organization.timeZone"]}
        options={zones.map((zone) => ({ value: zone, label: zone }))}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
