import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/app/(account)/password/change/change-password-form";
import { Alert } from "@/components/ui/alert";
import { FlashNotice } from "@/components/ui/flash-notice";
import { pageContext, pageRead } from "@/lib/auth";
import { getOwnAccount } from "@/lib/account/own-profile";
import { formatDate, formatDateTime, type Locale } from "@/lib/format";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("passwordTitle") };
}

async function AccountPasswordPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const ctx = await pageContext(undefined, { accountPage: true });
  const { changed } = await searchParams;
  const me = await pageRead(getOwnAccount({ ctx }));
  const t = await getTranslations("Account");
  const locale = (await getLocale()) as Locale;
  return (
    <section aria-labelledby="password-title" className="flex flex-col gap-4">
      <h1 id="password-title" className="text-2xl font-semibold">
        {t("passwordHeading")}
      </h1>
      {changed ? (
        // The form sent the person here: the notice takes the focus the form had.
        <FlashNotice stamp="changed">
          <Alert tone="success">{t("passwordChanged")}</Alert>
        </FlashNotice>
      ) : null}
      <p className="text-sm text-slate-700">
        {t("passwordLastChanged", { date: formatDateTime(me.passwordChangedAt, locale) })}{" "}
        {me.passwordExpiresAt ? t("passwordExpiresOn", { date: formatDate(me.passwordExpiresAt, locale) }) : t("passwordNeverExpires")}
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <ChangePasswordForm context={[me.username, me.email, me.firstName, me.lastName]} />
      </div>
    </section>
  );
}

export default withClientMessages(["AuthPassword"], AccountPasswordPage);
