"use client";

import { useTranslations } from "next-intl";
import { requestEmailChangeAction, updateOwnProfileAction } from "@/app/(account)/account/actions";
import { Alert } from "@/components/ui/alert";
import { UnsavedBadge } from "@/components/ui/unsaved-badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CurrentPasswordInput } from "@/components/auth/current-password-input";
import { Input } from "@/components/ui/input";
import { ImageInput } from "@/components/ui/image-input";
import { Select } from "@/components/ui/select";
import { useActionForm } from "@/components/ui/use-action-form";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";
import type { SelfService } from "@/lib/account/own-profile";

const NOTIFICATIONS = ["notifyGeneral", "notifyDomain", "notifyInvoice", "notifyService"] as const;

export interface ProfileInitial {
  userId: string;
  firstName: string;
  lastName: string;
  phone: string;
  language: string;
  /** When the picture last changed (ms), or null when there is none. */
  image: number | null;
  notifications: Record<(typeof NOTIFICATIONS)[number], boolean>;
  /** The profile's version as shown: a save from a page left open while it changed elsewhere is refused. */
  version: number;
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The user's own profile: name, phone, language, picture and notifications. A field the
 * administrator keeps to themselves is shown, not sent, with who to ask.
 */
export function ProfileForm({ editable, initial }: { editable: SelfService; initial: ProfileInitial }) {
  const t = useTranslations("AccountForms");
  const [state, action, pending, actionForm] = useActionForm(updateOwnProfileAction, null);
  // A save stays on this page: the refreshed version (the form is drawn again from it) is the new starting point.
  const { dirty, check } = useUnsavedChanges(actionForm, { baseline: initial.version });
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const value = (name: keyof ProfileInitial) => (failed?.values?.[name] as string | undefined) ?? String(initial[name] ?? "");
  const managed = t("managed");
  return (
    <form ref={actionForm} action={action} onInput={check} onChange={check} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="version" value={initial.version} />
      <Card title={t("details")}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {editable.name ? (
            <>
              <Input name="firstName" label={t("firstName")} required autoComplete="given-name" defaultValue={value("firstName")} error={errors?.firstName} />
              <Input name="lastName" label={t("lastName")} required autoComplete="family-name" defaultValue={value("lastName")} error={errors?.lastName} />
            </>
          ) : (
            <>
              <Input name="firstNameShown" label={t("firstName")} defaultValue={initial.firstName} readOnly hint={managed} />
              <Input name="lastNameShown" label={t("lastName")} defaultValue={initial.lastName} readOnly hint={managed} />
            </>
          )}
        </div>
        {editable.phone ? (
          <Input name="phone" label={t("phone")} type="tel" autoComplete="tel" defaultValue={value("phone")} hint={t("phoneHint")} error={errors?.phone} />
        ) : (
          <Input name="phoneShown" label={t("phone")} defaultValue={initial.phone || "—"} readOnly hint={managed} />
        )}
        <Select
          name="language"
          label={t("language")}
          hint={t("languageHint")}
          defaultValue={value("language")}
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
          error={errors?.language}
        />
      </Card>

      <Card title={t("picture")}>
        {initial.image ? (
          <div className="flex items-center gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- served from the database with auth */}
            <img src={`/users/${initial.userId}/image?v=${initial.image}`} alt={t("currentPicture")} width={64} height={64} className="rounded-full" />
            {editable.picture ? <Checkbox name="removeImage" label={t("removePicture")} /> : null}
          </div>
        ) : null}
        {editable.picture ? (
          <ImageInput
            name="image"
            label={initial.image ? t("replacePicture") : t("addPicture")}
            hint={t("pictureHint")}
            error={errors?.image}
            tooLarge={t("pictureTooLarge")}
            refusal={failed}
          />
        ) : (
          <p className="text-sm text-slate-700">{managed}</p>
        )}
      </Card>

      <Card title={t("notifications")}>
        <p className="-mt-2 text-sm text-slate-700">{t("notificationsIntro")}</p>
        {editable.notifications ? <input type="hidden" name="notifications" value="1" /> : null}
        {NOTIFICATIONS.map((name) => (
          <Checkbox
            key={name}
            name={editable.notifications ? name : `${name}Shown`}
            label={t(`notify.${name}`)}
            defaultChecked={failed?.values && "notifyGeneral" in failed.values ? failed.values[name] === "on" : initial.notifications[name]}
            disabled={!editable.notifications}
          />
        ))}
        {!editable.notifications ? <p className="text-sm text-slate-700">{managed}</p> : null}
      </Card>

      {/* The answer beside the button that asked for it: at the top of a long form it was out of view. */}
      {failed && !errors ? <Alert>{failed.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <UnsavedBadge dirty={dirty} />
      </div>
    </form>
  );
}

/** A new work e-mail: confirmed from a link sent to it; the current address is told. */
export function EmailChangeForm({ pending: waiting }: { pending: { email: string; until: string } | null }) {
  const t = useTranslations("AccountForms");
  const [state, action, pending, actionForm] = useActionForm(requestEmailChangeAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4" noValidate>
      <Card title={t("emailTitle")}>
        <p className="-mt-2 text-sm text-slate-700">{t("emailIntro")}</p>
        {waiting && !state?.ok ? <Alert tone="info">{t("emailWaiting", { email: waiting.email, until: waiting.until })}</Alert> : null}
        {failed && !errors ? <Alert>{failed.message}</Alert> : null}
        {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
        <Input name="email" label={t("newEmail")} type="email" autoComplete="email" required defaultValue={failed?.values?.email} error={errors?.email} />
        <CurrentPasswordInput label={t("currentPassword")} state={state} />
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? t("sending") : t("sendLink")}
          </Button>
        </div>
      </Card>
    </form>
  );
}
