"use client";

import Link from "next/link";
import { startTransition, useState, type FormEvent } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/app/actions-result";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyField } from "@/components/ui/copy-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { UserPicker } from "./user-picker";
import { useUnsavedChanges } from "./use-unsaved-changes";

export interface UserFormOptions {
  roles: { id: string; name: string; builtIn: boolean }[];
  branches: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  countries: { code: string; name: string }[];
}

/** The values a user form starts from (edit) — strings for inputs, booleans for checkboxes. */
export interface UserFormInitial {
  id: string;
  version: number;
  status: "pending" | "active" | "inactive";
  hasImage: boolean;
  text: Record<string, string>;
  flags: Record<string, boolean>;
}

type Action = (prev: ActionResult<{ id: string; link: string }> | null, formData: FormData) => Promise<ActionResult<{ id: string; link: string }>>;

const GENDERS = [
  { value: "female", label: "Female" },
  { value: "male", label: "Male" },
  { value: "other", label: "Other" },
  { value: "unspecified", label: "Prefer not to say" },
];
const NOTIFICATIONS = [
  ["notifyGeneral", "General e-mail notifications"],
  ["notifyDomain", "Domain-related notifications"],
  ["notifyInvoice", "Invoice-related notifications"],
  ["notifyService", "Service-related notifications"],
] as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

export function UserForm({ action, options, initial }: { action: Action; options: UserFormOptions; initial?: UserFormInitial }) {
  const editing = !!initial;
  const [state, formAction, pending, formRef] = useActionForm(action, null);
  // Once saved, leaving is what the user wants: no warning.
  const { dirty, check } = useUnsavedChanges(formRef, { enabled: !state?.ok });
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const [access, setAccess] = useState<"password" | "invite">("password");

  const text = (name: string) => initial?.text[name] ?? "";
  const flag = (name: string, fallback = false) => initial?.flags[name] ?? fallback;
  const err = (name: string) => errors[name];

  // Submitting through the action by hand keeps every field as it is when the server refuses:
  // a <form action> is reset after its action, and React resets selects to their first option.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };

  if (state?.ok && state.data?.link)
    return (
      <div className="flex flex-col gap-4 rounded-lg border border-green-300 bg-white p-5">
        <Alert tone="success">User created as Pending. Share this registration link with them; it works once and is shown only now.</Alert>
        <CopyField label="Registration link" value={state.data.link} />
        <div className="flex gap-3">
          <Link href={`/users/${state.data.id}`} className={buttonClasses("primary")}>
            Go to the user
          </Link>
          <Link href="/users" className={buttonClasses("secondary")}>
            Back to users
          </Link>
        </div>
      </div>
    );

  return (
    <form ref={formRef} onSubmit={submit} onInput={check} onChange={check} noValidate className="flex flex-col gap-6" encType="multipart/form-data">
      <div className="flex flex-wrap items-center gap-3">
        {dirty ? (
          <span role="status">
            <Badge tone="warning">Unsaved changes</Badge>
          </span>
        ) : (
          <span role="status" className="sr-only">
            No unsaved changes
          </span>
        )}
        <p className="text-sm text-slate-700">
          Fields marked{" "}
          <span aria-hidden="true" className="text-red-700">
            *
          </span>
          <span className="sr-only">with an asterisk</span> are required.
        </p>
      </div>
      {failed ? <Alert>{failed.message}</Alert> : null}
      {initial ? (
        <>
          <input type="hidden" name="userId" value={initial.id} />
          <input type="hidden" name="expectedVersion" value={initial.version} />
        </>
      ) : null}

      <Section title="General data">
        <Input name="firstName" label="First name" required defaultValue={text("firstName")} error={err("firstName")} autoComplete="off" />
        <Input name="lastName" label="Last name" required defaultValue={text("lastName")} error={err("lastName")} autoComplete="off" />
        <Input
          name="username"
          label="Username"
          required
          defaultValue={text("username")}
          error={err("username")}
          hint="Used to sign in. Letters, digits, dots, dashes, underscores."
          autoComplete="off"
        />
        <Input
          name="email"
          label="E-mail"
          type="email"
          required
          defaultValue={text("email")}
          error={err("email")}
          hint="The organizational address, used for notifications."
          autoComplete="off"
        />
        <Input
          name="phone"
          label="Phone number"
          type="tel"
          defaultValue={text("phone")}
          error={err("phone")}
          hint="With the country code, e.g. +507 6123 4567."
          autoComplete="off"
        />
        <Input
          name="personalEmail"
          label="Personal e-mail"
          type="email"
          defaultValue={text("personalEmail")}
          error={err("personalEmail")}
          hint="Where an invitation by e-mail is sent."
          autoComplete="off"
        />
        <Select name="gender" label="Gender" placeholder="Not set" options={GENDERS} defaultValue={text("gender")} error={err("gender")} />
        <Input name="birthday" label="Birthday" type="date" defaultValue={text("birthday")} error={err("birthday")} />
        <Select
          name="country"
          label="Country"
          placeholder="Not set"
          options={options.countries.map((c) => ({ value: c.code, label: c.name }))}
          defaultValue={text("country")}
          error={err("country")}
        />
        <Select
          name="language"
          label="Language"
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
          defaultValue={text("language") || "en"}
          error={err("language")}
          hint="The language of the e-mails they receive."
        />
        <Input name="position" label="Position" defaultValue={text("position")} error={err("position")} autoComplete="off" />
      </Section>

      <Section title="Organization and role">
        <Select
          name="branchId"
          label="Branch"
          placeholder="No branch"
          options={options.branches.map((b) => ({ value: b.id, label: b.name }))}
          defaultValue={text("branchId")}
          error={err("branchId")}
        />
        <Select
          name="teamId"
          label="Team"
          placeholder="No team"
          options={options.teams.map((t) => ({ value: t.id, label: t.name }))}
          defaultValue={text("teamId")}
          error={err("teamId")}
        />
        <Select
          name="roleId"
          label="Role"
          required
          placeholder="Choose a role"
          options={options.roles.map((r) => ({ value: r.id, label: r.builtIn ? r.name : `${r.name} (custom)` }))}
          defaultValue={text("roleId")}
          error={err("roleId")}
        />
        {!editing ? (
          <UserPicker
            name="copyPermissionsFrom"
            label="Copy permissions from an existing user"
            hint="Their role and per-user permissions are copied; the role above is then ignored."
            error={err("copyPermissionsFrom")}
          />
        ) : null}
      </Section>

      <Section title="Access">
        {!editing ? (
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium text-slate-900">How will they sign in?</legend>
            <div className="mt-2 flex flex-wrap gap-6">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="access"
                  value="password"
                  checked={access === "password"}
                  onChange={() => setAccess("password")}
                  className="accent-blue-700"
                />
                Set a password now
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="access"
                  value="invite"
                  checked={access === "invite"}
                  onChange={() => setAccess("invite")}
                  className="accent-blue-700"
                />
                Send an invitation
              </label>
            </div>
          </fieldset>
        ) : null}
        {!editing && access === "password" ? (
          <>
            <Input
              name="password"
              label="Password"
              type="password"
              required
              autoComplete="new-password"
              error={err("password")}
              hint="At least 12 characters; a phrase of unrelated words works well."
            />
            <Input name="confirmPassword" label="Repeat password" type="password" required autoComplete="new-password" error={err("confirmPassword")} />
          </>
        ) : null}
        {!editing && access === "invite" ? (
          <Select
            name="inviteMethod"
            label="Invitation method"
            required
            placeholder="Choose a method"
            options={[
              { value: "email", label: "Personal e-mail: send a registration link" },
              { value: "link", label: "Shareable link: copy it and share it yourself" },
            ]}
            defaultValue={text("inviteMethod")}
            error={err("inviteMethod")}
            hint="The user stays Pending until they register."
          />
        ) : null}
        {initial?.status === "pending" ? (
          <p className="text-sm text-slate-700 sm:col-span-2">Status: Pending — the user has not registered yet.</p>
        ) : !editing && access === "invite" ? null : (
          <Select
            name="status"
            label="Status"
            options={[
              { value: "active", label: "Active" },
              { value: "inactive", label: "Inactive" },
            ]}
            defaultValue={text("status") || "active"}
            error={err("status")}
          />
        )}
        <Input
          name="accountExpiresOn"
          label="Expiration date"
          type="date"
          defaultValue={text("accountExpiresOn")}
          error={err("accountExpiresOn")}
          hint="From this date the account cannot sign in. Leave empty for no expiry."
        />
        <Checkbox
          name="adminConsoleAccess"
          label="Allowed to log in to the admin console"
          defaultChecked={flag("adminConsoleAccess")}
          error={err("adminConsoleAccess")}
        />
        <Checkbox
          name="sendEndOfDayReport"
          label="Send end-of-day report"
          hint="A daily summary of what happened, by e-mail."
          defaultChecked={flag("sendEndOfDayReport")}
        />
      </Section>

      <Section title="Notifications">
        {NOTIFICATIONS.map(([name, label]) => (
          <Checkbox key={name} name={name} label={label} defaultChecked={flag(name, name === "notifyGeneral")} />
        ))}
      </Section>

      <Section title="Picture">
        {initial?.hasImage ? (
          <div className="flex items-center gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- served from the database with auth */}
            <img src={`/users/${initial.id}/image?v=${initial.version}`} alt="Current picture" width={64} height={64} className="rounded-full" />
            <Checkbox name="removeImage" label="Remove the picture" />
          </div>
        ) : null}
        <Input
          name="image"
          label={initial?.hasImage ? "Replace picture" : "Add image"}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          error={err("image")}
          hint="JPEG, PNG or WebP, up to 5 MB. It is cropped to a square."
        />
      </Section>

      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Update user" : "Create user"}
        </Button>
        <Link href="/users" className={buttonClasses("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
