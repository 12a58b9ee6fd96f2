import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SessionsPanel } from "@/components/sessions/sessions-panel";
import { pageContext, pageRead } from "@/lib/auth";
import type { Locale } from "@/lib/format";
import { listSessions } from "@/lib/sessions/sessions";
import { sessionViews } from "@/lib/sessions/session-views";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("sessionsTitle") };
}

async function AccountSessionsPage() {
  const ctx = await pageContext(undefined, { accountPage: true });
  const sessions = await pageRead(listSessions({ ctx, input: { userId: ctx.actor.userId } }));
  const t = await getTranslations("Account");
  const locale = (await getLocale()) as Locale;
  return (
    <section aria-labelledby="account-sessions-title" className="flex flex-col gap-4">
      <h1 id="account-sessions-title" className="text-2xl font-semibold">
        {t("sessionsHeading")}
      </h1>
      <p className="text-sm text-slate-700">{t("sessionsIntro")}</p>
      <SessionsPanel sessions={sessionViews(sessions, locale)} userId={ctx.actor.userId} own canEnd />
    </section>
  );
}

export default withClientMessages(["Sessions"], AccountSessionsPage);
