"use client";

import { startTransition, type FormEvent } from "react";
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
        You will sign in as <strong>{user.username}</strong> ({user.email}).
      </p>
      <div className="grid grid-cols-2 gap-4">
        <Input name="firstName" label="First name" required defaultValue={user.firstName} autoComplete="given-name" error={errors?.firstName} />
        <Input name="lastName" label="Last name" required defaultValue={user.lastName} autoComplete="family-name" error={errors?.lastName} />
      </div>
      <Input
        name="phone"
        label="Phone number"
        type="tel"
        defaultValue={user.phone}
        autoComplete="tel"
        hint="With the country code, e.g. +507 6123 4567."
        error={errors?.phone}
      />
      <div className="grid grid-cols-2 gap-4">
        <Select
          name="gender"
          label="Gender"
          placeholder="Not set"
          defaultValue={user.gender}
          options={[
            { value: "female", label: "Female" },
            { value: "male", label: "Male" },
            { value: "other", label: "Other" },
            { value: "unspecified", label: "Prefer not to say" },
          ]}
          error={errors?.gender}
        />
        <Input name="birthday" label="Birthday" type="date" defaultValue={user.birthday} error={errors?.birthday} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Select
          name="country"
          label="Country"
          placeholder="Not set"
          defaultValue={user.country}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
          error={errors?.country}
        />
        <Select
          name="language"
          label="Language"
          defaultValue={user.language}
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
        />
      </div>
      <NewPasswordFields errors={errors} context={[user.username, user.email, user.firstName, user.lastName]} />
      <Button type="submit" disabled={pending}>
        {pending ? "Registering…" : "Complete registration"}
      </Button>
    </form>
  );
}
