import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageContext, pageRead } from "@/lib/auth";
import { readGeneralSettings } from "@/lib/settings/update-general-settings";
import { GeneralSettingsForm } from "./general-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SettingsGeneral"))("title") };
}

async function GeneralSettingsPage() {
  const ctx = await pageContext("roles.manage");
  const [t, values] = await Promise.all([getTranslations("SettingsGeneral"), pageRead(readGeneralSettings({ ctx, input: {} }))]);
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return (
    <section aria-labelledby="general-title" className="flex max-w-2xl flex-col gap-4">
      <h1 id="general-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <GeneralSettingsForm values={values} zones={zones} />
    </section>
  );
}

export default withClientMessages(["SettingsGeneralForm"], GeneralSettingsPage);
