"use client";

import { startTransition, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { NewPasswordFields } from "@/components/auth/password-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { registerAction } from "../../password-actions";

export function RegistrationForm({
  token,
  user,
  countries,
}: {
  token: string;
  user: {
    firstName: string;
    lastName: string;
    username: string;
    email: string;
    phone: string;
    gender: string;
    birthday: string;
    country: string;
    language: string;
  };
  countries: { code: string; name: string }[];
}) {
  const t = useTranslations("InviteForm");
  const [state, action, pending, actionForm] = useActionForm(registerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // Submitted by hand so a refused submit keeps every field (see UserForm).
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form ref={actionForm} onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !errors ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-700">
        {t.rich("signInAs", { username: user.username, email: user.email, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <div className="grid grid-cols-2 gap-4">
        <Input name="firstName" label={t("firstName")} required defaultValue={user.firstName} autoComplete="given-name" error={errors?.firstName} />
        <Input name="lastName" label={t("lastName")} required defaultValue={user.lastName} autoComplete="family-name" error={errors?.lastName} />
      </div>
      <Input name="phone" label={t("phone")} type="tel" defaultValue={user.phone} autoComplete="tel" hint={t("phoneHint")} error={errors?.phone} />
      <div className="grid grid-cols-2 gap-4">
        <Select
          name="gender"
          label={t("gender")}
          placeholder={t("notSet")}
          defaultValue={user.gender}
          options={[
            { value: "female", label: t("genders.female") },
            { value: "male", label: t("genders.male") },
            { value: "other", label: t("genders.other") },
            { value: "unspecified", label: t("genders.unspecified") },
          ]}
          error={errors?.gender}
        />
        <Input name="birthday" label={t("birthday")} type="date" defaultValue={user.birthday} error={errors?.birthday} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Select
          name="country"
          label={t("country")}
          placeholder={t("notSet")}
          defaultValue={user.country}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
          error={errors?.country}
        />
        <Select
          name="language"
          label={t("language")}
          defaultValue={user.language}
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
        />
      </div>
      <NewPasswordFields errors={errors} context={[user.username, user.email, user.firstName, user.lastName]} />
      <Button type="submit" disabled={pending}>
        {pending ? t("registering") : t("submit")}
      </Button>
    </form>
  );
}
