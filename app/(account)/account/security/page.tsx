import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { NotMeButton } from "@/components/account/not-me-button";
import { pageContext, pageRead } from "@/lib/auth";
import { listSecurityActivity, SECURITY_ACTIONS } from "@/lib/account/security-activity";
import { soleAdministrator } from "@/lib/permissions/guards";
import { formatDateTime, type Locale } from "@/lib/format";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("securityTitle") };
}

const KNOWN = new Set<string>(SECURITY_ACTIONS);

async function AccountSecurityPage() {
  const ctx = await pageContext(undefined, { accountPage: true });
  const events = await pageRead(listSecurityActivity({ ctx }));
  const onlyAdministrator = await pageRead(soleAdministrator(ctx.db, ctx.actor.userId, ctx.now()));
  const t = await getTranslations("Account");
  const locale = (await getLocale()) as Locale;
  return (
    <section aria-labelledby="security-activity-title" className="flex flex-col gap-4">
      <h1 id="security-activity-title" className="text-2xl font-semibold">
        {t("securityHeading")}
      </h1>
      <p className="text-sm text-slate-700">{t("securityIntro")}</p>
      {events.length === 0 ? (
        <p className="text-sm text-slate-700">{t("securityNone")}</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {events.map((e) => (
            <li key={e.id} className="flex flex-col gap-0.5 px-4 py-3 text-sm">
              <p className={e.action === "auth.sign_in_failed" || e.action === "user.locked" ? "font-medium text-red-800" : "font-medium text-slate-900"}>
                {e.reason === "wrong_current_password" ? (
                  // Asked again before a change, not at sign-in: said as what it was.
                  t("events.current_password_failed")
                ) : (
                  <>
                    {KNOWN.has(e.action) ? t(`events.${e.action.replace(".", "_")}`) : e.action}
                    {e.reason && t.has(`reasons.${e.reason}`) ? ` (${t(`reasons.${e.reason}`)})` : ""}
                  </>
                )}
              </p>
              <p className="text-slate-700">
                {t("eventDetails", {
                  at: formatDateTime(e.at, locale),
                  ip: e.ip ?? "—",
                  browser: e.browser ?? t("unknownBrowser"),
                  os: e.os ?? t("unknownSystem"),
                })}
              </p>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-white p-4 sm:p-5">
        <h2 className="text-base font-semibold">{t("notMeTitle")}</h2>
        {onlyAdministrator ? (
          <p className="text-sm text-slate-700">{t("notMeOnlyAdministrator")}</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("notMeIntro")}</p>
            <div>
              <NotMeButton />
            </div>
          </>
        )}
      </div>
    </section>
  );
}

export default withClientMessages(["AccountForms"], AccountSecurityPage);
