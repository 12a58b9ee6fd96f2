import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { formatPhone } from "@/lib/users/phone";
import { Alert } from "@/components/ui/alert";
import { pageContext } from "@/lib/auth";
import { formatDateTime, type Locale } from "@/lib/format";
import { getOwnProfile } from "@/lib/users/get-own-profile";
import { LanguageForm } from "./language-form";
import { SessionsPanel } from "@/components/sessions/sessions-panel";
import { listSessions } from "@/lib/sessions/sessions";
import { sessionViews } from "@/lib/sessions/session-views";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Profile");
  return { title: t("title") };
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const ctx = await pageContext();
  const { passwordChanged } = await searchParams;
  const [me, sessions] = await Promise.all([getOwnProfile({ ctx }), listSessions({ ctx, input: { userId: ctx.actor.userId } })]);
  const t = await getTranslations("Profile");
  const locale = (await getLocale()) as Locale;
  const rows: [string, string][] = [
    [t("name"), `${me.firstName} ${me.lastName}`],
    [t("username"), me.username],
    [t("email"), me.email],
    [t("phone"), formatPhone(me.phone)],
    [t("role"), me.role],
    [t("branch"), me.branch ?? "—"],
    [t("team"), me.team ?? "—"],
    [t("language"), me.language === "es" ? t("languageEs") : t("languageEn")],
    [t("registered"), formatDateTime(me.registeredAt, locale)],
    [t("lastSignIn"), formatDateTime(me.lastLoginAt, locale)],
    [t("passwordChanged"), formatDateTime(me.passwordChangedAt, locale)],
  ];
  return (
    <section aria-labelledby="profile-title" className="max-w-2xl">
      <h1 id="profile-title" className="mb-4 text-2xl font-semibold">
        {t("heading")}
      </h1>
      {passwordChanged ? (
        <div className="mb-4">
          <Alert tone="success">{t("passwordChangedAlert")}</Alert>
        </div>
      ) : null}
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-3 gap-4 px-4 py-3 text-sm">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="col-span-2 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <LanguageForm language={me.language === "es" ? "es" : "en"} />
      <div className="mt-6">
        <SessionsPanel sessions={sessionViews(sessions, locale)} userId={ctx.actor.userId} own canEnd />
      </div>
    </section>
  );
}
