"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { startTransition, useEffect, useRef, useState, type FormEvent } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/app/actions-result";
import { Alert } from "@/components/ui/alert";
import { UnsavedBadge } from "@/components/ui/unsaved-badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyField } from "@/components/ui/copy-field";
import { Input } from "@/components/ui/input";
import { ImageInput } from "@/components/ui/image-input";
import { Select } from "@/components/ui/select";
import { UserPicker } from "./user-picker";
import type { PickedUser } from "@/lib/users/form-options";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";

export interface UserFormOptions {
  roles: { id: string; name: string; builtIn: boolean }[];
  branches: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  /** A password typed here must be replaced by the user at first sign-in (Settings → Security). */
  temporaryPassword?: boolean;
  /** The editor lacks users.permissions: the role is shown, not offered (the server refuses a change). */
  roleFixed?: boolean;
  /** The editor is editing themselves: role, status and console access are shown, not offered (the server refuses each change). */
  self?: boolean;
  /** The creator lacks users.permissions: "Copy permissions from" is not offered (the server refuses copying per-user permissions). */
  cannotCopy?: boolean;
  /** Roles the editor may not give (they hold permissions the editor lacks): not offered, unless already the user's. */
  ungivable?: string[];
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

const GENDERS = ["female", "male", "other", "unspecified"] as const;
const NOTIFICATIONS = ["notifyGeneral", "notifyDomain", "notifyInvoice", "notifyService"] as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

export function UserForm({ action, options, initial }: { action: Action; options: UserFormOptions; initial?: UserFormInitial }) {
  const t = useTranslations("UsersForm");
  // A new user's language starts as the one the administrator works in.
  const locale = useLocale();
  const editing = !!initial;
  const [state, formAction, pending, formRef] = useActionForm(action, null);
  // Once saved, leaving is what the user wants: no warning.
  const { dirty, check } = useUnsavedChanges(formRef, { enabled: !state?.ok });
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const [access, setAccess] = useState<"password" | "invite">("password");
  // Copying from a user copies their role: the Role field shows it, fixed, instead of a role ignored.
  const [copyFrom, setCopyFrom] = useState<PickedUser | null>(null);

  const text = (name: string) => initial?.text[name] ?? "";
  const flag = (name: string, fallback = false) => initial?.flags[name] ?? fallback;
  const err = (name: string) => errors[name];
  const self = editing && !!options.self;
  const roleLocked = editing && (!!options.roleFixed || self);
  // Only someone with console access reaches this form, so on yourself the box is always ticked and fixed.
  const consoleLocked = self && flag("adminConsoleAccess");

  // Submitting through the action by hand keeps every field as it is when the server refuses:
  // a <form action> is reset after its action, and React resets selects to their first option.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };

  // The form, and the button that had the focus, gave way to the link: the focus goes to what says so.
  const created = useRef<HTMLDivElement>(null);
  const link = state?.ok ? state.data?.link : undefined;
  useEffect(() => {
    if (link) created.current?.focus();
  }, [link]);

  if (state?.ok && state.data?.link)
    return (
      <div ref={created} tabIndex={-1} className="flex flex-col gap-4 rounded-lg border border-green-300 bg-white p-5 outline-none">
        <Alert tone="success">{t("linkCreated")}</Alert>
        <CopyField label={t("registrationLink")} value={state.data.link} />
        <div className="flex gap-3">
          <Link href={`/users/${state.data.id}`} className={buttonClasses("primary")}>
            {t("goToUser")}
          </Link>
          <Link href="/users" className={buttonClasses("secondary")}>
            {t("backToUsers")}
          </Link>
        </div>
      </div>
    );

  return (
    <form ref={formRef} onSubmit={submit} onInput={check} onChange={check} noValidate className="flex flex-col gap-6" encType="multipart/form-data">
      <div className="flex flex-wrap items-center gap-3">
        <UnsavedBadge dirty={dirty} />
        <p className="text-sm text-slate-700">
          {t.rich("required", {
            star: (chunks) => (
              <span aria-hidden="true" className="text-red-700">
                {chunks}
              </span>
            ),
            sr: (chunks) => <span className="sr-only">{chunks}</span>,
          })}
        </p>
      </div>
      {failed ? (
        <Alert>
          {failed.message}
          {/* A newer save refused this one: the way to see it is one click, not the browser's reload. */}
          {editing && failed.code === "precondition_failed" ? (
            <>
              {" "}
              <a href={`/users/${initial.id}/edit`} className="font-medium underline">
                {t("reload")}
              </a>
            </>
          ) : null}
        </Alert>
      ) : null}
      {initial ? (
        <>
          <input type="hidden" name="userId" value={initial.id} />
          <input type="hidden" name="expectedVersion" value={initial.version} />
        </>
      ) : null}

      <Section title={t("sections.general")}>
        <Input name="firstName" label={t("firstName")} required defaultValue={text("firstName")} error={err("firstName")} autoComplete="off" />
        <Input name="lastName" label={t("lastName")} required defaultValue={text("lastName")} error={err("lastName")} autoComplete="off" />
        <Input
          name="username"
          label={t("username")}
          required
          defaultValue={text("username")}
          error={err("username")}
          hint={t("usernameHint")}
          autoComplete="off"
        />
        <Input
          name="email"
          label={t("email")}
          type="email"
          required
          defaultValue={text("email")}
          error={err("email")}
          hint={t("emailHint")}
          autoComplete="off"
        />
        <Input name="phone" label={t("phone")} type="tel" defaultValue={text("phone")} error={err("phone")} hint={t("phoneHint")} autoComplete="off" />
        <Input
          name="personalEmail"
          label={t("personalEmail")}
          type="email"
          defaultValue={text("personalEmail")}
          error={err("personalEmail")}
          hint={t("personalEmailHint")}
          autoComplete="off"
        />
        <Select
          name="gender"
          label={t("gender")}
          placeholder={t("notSet")}
          options={GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
          defaultValue={text("gender")}
          error={err("gender")}
        />
        <Input name="birthday" label={t("birthday")} type="date" defaultValue={text("birthday")} error={err("birthday")} />
        <Select
          name="country"
          label={t("country")}
          placeholder={t("notSet")}
          options={options.countries.map((c) => ({ value: c.code, label: c.name }))}
          defaultValue={text("country")}
          error={err("country")}
        />
        <Select
          name="language"
          label={t("language")}
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
          defaultValue={text("language") || locale}
          error={err("language")}
          hint={t("languageHint")}
        />
        <Input name="position" label={t("position")} defaultValue={text("position")} error={err("position")} autoComplete="off" />
      </Section>

      <Section title={t("sections.organization")}>
        <Select
          name="branchId"
          label={t("branch")}
          placeholder={t("noBranch")}
          options={options.branches.map((b) => ({ value: b.id, label: b.name }))}
          defaultValue={text("branchId")}
          error={err("branchId")}
        />
        <Select
          name="teamId"
          label={t("team")}
          placeholder={t("noTeam")}
          options={options.teams.map((team) => ({ value: team.id, label: team.name }))}
          defaultValue={text("teamId")}
          error={err("teamId")}
        />
        <Select
          name="roleId"
          label={t("role")}
          required
          placeholder={t("chooseRole")}
          options={options.roles
            .filter((r) => roleLocked || !options.ungivable?.includes(r.id) || r.id === text("roleId") || r.id === copyFrom?.roleId)
            .map((r) => ({ value: r.id, label: r.builtIn ? r.name : t("customRole", { name: r.name }) }))}
          // Drawn again as a copy starts or ends, so that its default is the copied role, or the own again.
          key={copyFrom?.roleId ?? "own"}
          defaultValue={copyFrom?.roleId ?? text("roleId")}
          error={copyFrom ? undefined : err("roleId")}
          {...(roleLocked ? { disabled: true, hint: options.self ? t("selfRole") : t("roleFixed") } : {})}
          {...(copyFrom ? { disabled: true, hint: t("roleCopied", { name: copyFrom.name }) } : {})}
        />
        {/* A disabled control sends nothing: what the user has goes along unchanged. */}
        {roleLocked || copyFrom ? <input type="hidden" name="roleId" value={copyFrom?.roleId ?? text("roleId")} /> : null}
        {!editing && !options.cannotCopy ? (
          <UserPicker name="copyPermissionsFrom" label={t("copyFrom")} hint={t("copyFromHint")} error={err("copyPermissionsFrom")} onChange={setCopyFrom} />
        ) : null}
      </Section>

      <Section title={t("sections.access")}>
        {!editing ? (
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium text-slate-900">{t("howSignIn")}</legend>
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
                {t("setPassword")}
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
                {t("sendInvitation")}
              </label>
            </div>
          </fieldset>
        ) : null}
        {!editing && access === "password" ? (
          <>
            <Input
              name="password"
              label={t("password")}
              type="password"
              required
              autoComplete="new-password"
              error={err("password")}
              hint={options.temporaryPassword ? `${t("passwordHint")} ${t("passwordTemporary")}` : t("passwordHint")}
            />
            <Input name="confirmPassword" label={t("confirmPassword")} type="password" required autoComplete="new-password" error={err("confirmPassword")} />
          </>
        ) : null}
        {!editing && access === "invite" ? (
          <Select
            name="inviteMethod"
            label={t("inviteMethod")}
            required
            placeholder={t("chooseMethod")}
            options={[
              { value: "email", label: t("methodEmail") },
              { value: "link", label: t("methodLink") },
            ]}
            defaultValue={text("inviteMethod")}
            error={err("inviteMethod")}
            hint={t("inviteHint")}
          />
        ) : null}
        {initial?.status === "pending" ? (
          <p className="text-sm text-slate-700 sm:col-span-2">{t("pendingStatus")}</p>
        ) : !editing && access === "invite" ? null : (
          <>
            <Select
              name="status"
              label={t("status")}
              options={[
                { value: "active", label: t("active") },
                { value: "inactive", label: t("inactive") },
              ]}
              defaultValue={text("status") || "active"}
              error={err("status")}
              {...(self ? { disabled: true, hint: t("selfStatus") } : {})}
            />
            {self ? <input type="hidden" name="status" value={text("status") || "active"} /> : null}
          </>
        )}
        <Input
          name="accountExpiresOn"
          label={t("expiresOn")}
          type="date"
          defaultValue={text("accountExpiresOn")}
          error={err("accountExpiresOn")}
          hint={self && text("accountExpiresOn") ? t("selfExpiresOn") : t("expiresOnHint")}
        />
        <Checkbox
          name="adminConsoleAccess"
          label={t("adminConsole")}
          hint={consoleLocked ? t("selfConsole") : t("adminConsoleHint")}
          defaultChecked={flag("adminConsoleAccess")}
          error={err("adminConsoleAccess")}
          disabled={consoleLocked}
        />
        {consoleLocked ? <input type="hidden" name="adminConsoleAccess" value="on" /> : null}
        <Checkbox name="sendEndOfDayReport" label={t("endOfDay")} hint={t("endOfDayHint")} defaultChecked={flag("sendEndOfDayReport")} />
      </Section>

      <Section title={t("sections.notifications")}>
        <p className="text-sm text-slate-700 sm:col-span-2">{t("notificationsHint")}</p>
        {NOTIFICATIONS.map((name) => (
          <Checkbox key={name} name={name} label={t(`notify.${name}`)} defaultChecked={flag(name, name === "notifyGeneral")} />
        ))}
      </Section>

      <Section title={t("sections.picture")}>
        {initial?.hasImage ? (
          <div className="flex items-center gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- served from the database with auth */}
            <img src={`/users/${initial.id}/image?v=${initial.version}`} alt={t("currentPicture")} width={64} height={64} className="rounded-full" />
            <Checkbox name="removeImage" label={t("removePicture")} />
          </div>
        ) : null}
        <ImageInput
          name="image"
          label={initial?.hasImage ? t("replacePicture") : t("addImage")}
          error={err("image")}
          hint={t("imageHint")}
          tooLarge={t("imageTooLarge")}
          refusal={failed}
        />
      </Section>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : editing ? t("update") : access === "invite" ? t("createAndInvite") : t("create")}
        </Button>
        <Link href="/users" className={buttonClasses("secondary")}>
          {t("cancel")}
        </Link>
        {/* Said again by the buttons: on a phone the one at the top is screens away (announced once, above). */}
        <UnsavedBadge dirty={dirty} announce={false} />
      </div>
    </form>
  );
}
