import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { UserActor as Actor } from "@/lib/context";
import { navFor } from "./nav-items";
import { MainNav } from "./nav-link";
import { MobileNav } from "./mobile-nav";
import { PageMain } from "./page-main";
import { ProfileMenu } from "./profile-menu";

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const t = await getTranslations("Shell");
  const items = navFor(actor).map((item) => ({ href: item.href, label: t(`nav.${item.key}`) }));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-screen-2xl items-center gap-3 px-4 py-3 md:gap-6">
          <Link href="/" className="text-lg font-bold tracking-tight text-blue-800">
            Rollcall
          </Link>
          <div className="flex-1 md:hidden">{items.length ? <MobileNav items={items} /> : null}</div>
          {/* The same items as the phone's menu: the page's RSC payload carries them once. */}
          <MainNav label={t("mainNav")} items={items} />
          <ProfileMenu name={actor.name} username={actor.username} />
        </div>
      </header>
      {actor.passwordExpiresInDays != null ? (
        <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
          {t("passwordExpires", { days: actor.passwordExpiresInDays })}{" "}
          <Link href="/account/password" className="font-medium underline">
            {t("changeNow")}
          </Link>
        </div>
      ) : null}
      <PageMain className="mx-auto max-w-screen-2xl px-4 py-6">{children}</PageMain>
    </div>
  );
}
