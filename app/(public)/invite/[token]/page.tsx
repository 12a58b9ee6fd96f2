import type { Metadata } from "next";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/format";
import { phoneForInput } from "@/lib/users/phone";
import { LinkNoLongerValid } from "@/components/auth/link-invalid";
import { anonymousContext } from "@/lib/auth";
import { describeInvitation } from "@/lib/invitations/registration";
import { COUNTRIES } from "@/lib/users/countries";
import { RegistrationForm } from "./registration-form";
import { withClientMessages } from "@/components/shell/client-messages";
import { InLanguage } from "@/components/shell/base-messages";
import { pickClientMessages } from "@/i18n/messages";
import { isLocale } from "@/i18n/locale";

/** The invitation behind a token, read once for the page and its title. */
const invitationFor = cache(async (token: string) => describeInvitation(await anonymousContext(), token));

/** The language the page speaks: the invitee's (which their invitation e-mail spoke), else the browser's. */
async function pageLocale(invitation: Awaited<ReturnType<typeof invitationFor>>): Promise<Locale> {
  const language = "user" in invitation ? invitation.user?.language : undefined;
  return isLocale(language) ? language : ((await getLocale()) as Locale);
}

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(await invitationFor((await params).token)), namespace: "InvitePage" });
  return { title: t("title"), referrer: "no-referrer" };
}

/** The country list in the reader's language, sorted for them; English keeps lib/'s own names. */
function countriesFor(locale: Locale): { code: string; name: string }[] {
  if (locale === "en") return COUNTRIES;
  const names = new Intl.DisplayNames([locale], { type: "region" });
  return COUNTRIES.map((c) => ({ code: c.code, name: names.of(c.code) ?? c.name })).sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** Public: the token is the credential. Checked again, and used once, when the form is sent. */
async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await invitationFor(token);
  const u = "user" in invitation ? invitation.user : undefined;
  if (invitation.state !== "valid" || !u) return <LinkNoLongerValid />;
  // In the invitee's language, which their administrator chose and their e-mail spoke, rather than
  // the browser's; the form's refusals follow it too (registerAction's locale).
  const locale = await pageLocale(invitation);
  const t = await getTranslations({ locale, namespace: "InvitePage" });
  return (
    <InLanguage locale={locale} messages={await pickClientMessages(locale, ["InviteForm", "AuthPassword"])}>
      <h1 className="mb-1 text-2xl font-semibold">{t("heading", { organization: invitation.organization })}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("intro")}</p>
      <RegistrationForm
        token={token}
        countries={countriesFor(locale)}
        user={{
          firstName: u.firstName,
          lastName: u.lastName,
          username: u.username,
          email: u.email,
          phone: phoneForInput(u.phone),
          gender: u.gender ?? "",
          birthday: u.birthday ?? "",
          country: u.country ?? "",
          language: u.language,
        }}
      />
    </InLanguage>
  );
}

export default withClientMessages(["InviteForm", "AuthPassword"], InvitePage);
