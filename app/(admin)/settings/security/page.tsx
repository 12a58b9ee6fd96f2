import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageContext } from "@/lib/auth";
import { readSecuritySettings } from "@/lib/settings/read-security-settings";
import { SecuritySettingsForm } from "./security-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings");
  return { title: t("securityTitle") };
}

async function SecuritySettingsPage() {
  const ctx = await pageContext("roles.manage");
  const values = await readSecuritySettings(ctx);
  const t = await getTranslations("Settings");
  return (
    <section aria-labelledby="security-title" className="flex max-w-2xl flex-col gap-4">
      <h1 id="security-title" className="text-2xl font-semibold">
        {t("securityTitle")}
      </h1>
      <p className="text-sm text-slate-700">{t("securityIntro")}</p>
      <SecuritySettingsForm values={values} />
    </section>
  );
}

export default withClientMessages(["SettingsForms"], SecuritySettingsPage);
