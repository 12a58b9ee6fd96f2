import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { EmailChangeForm, ProfileForm } from "@/components/account/profile-forms";
import { pageContext, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { pendingEmailChange } from "@/lib/account/email-change";
import { getOwnAccount } from "@/lib/account/own-profile";
import { formatDateTime, type Locale } from "@/lib/format";
import { phoneForInput } from "@/lib/users/phone";
import { withClientMessages } from "@/components/shell/client-messages";
import { localizedCountryName } from "@/components/users/countries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("profileTitle") };
}

async function AccountProfilePage({ searchParams }: { searchParams: Promise<{ welcome?: string; emailChanged?: string; console?: string }> }) {
  const ctx = await pageContext(undefined, { accountPage: true });
  const { welcome, console: noConsole } = await searchParams;
  const me = await pageRead(getOwnAccount({ ctx }));
  const pending = await pageRead(pendingEmailChange({ ctx }));
  const t = await getTranslations("Account");
  const locale = (await getLocale()) as Locale;
  const rows: [string, string][] = [
    [t("username"), me.username],
    [t("email"), me.email],
    [t("role"), me.role],
    [t("branch"), me.branch ?? "—"],
    [t("team"), me.team ?? "—"],
    [t("position"), me.position ?? "—"],
    // The phone number is read for this country when typed without its code, and its errors name it.
    [t("country"), me.country ? localizedCountryName(me.country, locale) : "—"],
    [t("registered"), formatDateTime(me.registeredAt, locale)],
    [t("lastSignIn"), formatDateTime(me.lastLoginAt, locale)],
  ];
  return (
    <section aria-labelledby="account-title" className="flex flex-col gap-4">
      <h1 id="account-title" className="text-2xl font-semibold">
        {t("profileHeading")}
      </h1>
      {welcome ? <Alert tone="success">{t("welcome", { name: me.firstName })}</Alert> : null}
      {noConsole !== undefined ? <Alert tone="info">{t("noConsole")}</Alert> : null}
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-1 gap-1 px-4 py-3 text-sm sm:grid-cols-3 sm:gap-4">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="break-words text-slate-900 sm:col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
      {/* Whoever may edit users (an Administrator) changes these on their own user page, not by asking. */}
      {ctx.actor.consoleAccess && can(ctx.actor, "users.update") ? (
        <p className="text-sm text-slate-700">
          {t.rich("manageInConsole", {
            link: (chunks) => (
              <Link href={`/users/${me.userId}/edit`} className="text-blue-800 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <p className="text-sm text-slate-700">{t("askAdministrator")}</p>
      )}
      <ProfileForm
        editable={me.editable}
        initial={{
          userId: me.userId,
          firstName: me.firstName,
          lastName: me.lastName,
          phone: phoneForInput(me.phone),
          language: me.language,
          image: me.imageUpdatedAt ? me.imageUpdatedAt.getTime() : null,
          notifications: { notifyGeneral: me.notifyGeneral, notifyDomain: me.notifyDomain, notifyInvoice: me.notifyInvoice, notifyService: me.notifyService },
          version: me.version,
        }}
      />
      {me.editable.email ? <EmailChangeForm pending={pending ? { email: pending.email, until: formatDateTime(pending.expiresAt, locale) } : null} /> : null}
    </section>
  );
}

export default withClientMessages(["AccountForms"], AccountProfilePage);
