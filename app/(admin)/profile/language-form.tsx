"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useActionForm } from "@/components/ui/use-action-form";
import type { Locale } from "@/lib/format";
import { setOwnLanguageAction } from "./actions";

/** The signed-in user's own language; after a save the page renders again in it. */
export function LanguageForm({ language }: { language: Locale }) {
  const t = useTranslations("ProfileLanguage");
  const router = useRouter();
  const [state, action, pending, actionForm] = useActionForm(async (prev: Awaited<ReturnType<typeof setOwnLanguageAction>> | null, formData: FormData) => {
    const result = await setOwnLanguageAction(prev, formData);
    if (result.ok) router.refresh();
    return result;
  }, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={actionForm} action={action} className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      {failed && !failed.fieldErrors ? (
        <div className="w-full">
          <Alert>{failed.message}</Alert>
        </div>
      ) : null}
      <div className="min-w-48">
        {/* Keyed by the saved language: after the refresh the select shows it, whatever the form reset restored. */}
        <Select
          key={language}
          name="language"
          label={t("label")}
          options={[
            { value: "en", label: t("en") },
            { value: "es", label: t("es") },
          ]}
          defaultValue={language}
          error={failed?.fieldErrors?.language}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {t("save")}
      </Button>
      {state?.ok ? (
        <p role="status" className="py-2 text-sm text-green-800">
          {t("saved")}
        </p>
      ) : null}
    </form>
  );
}
