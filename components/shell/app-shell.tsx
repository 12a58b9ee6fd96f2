import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { UserActor as Actor } from "@/lib/context";
import { navFor } from "./nav-items";
import { PageMain } from "./page-main";
import { ShellHeader } from "./shell-header";

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const t = await getTranslations("Shell");
  const items = navFor(actor).map((item) => ({ href: item.href, label: t(`nav.${item.key}`) }));
  return (
    <div className="min-h-screen">
      <ShellHeader labels={{ skip: t("skip"), mainNav: t("mainNav") }} items={items} name={actor.name} username={actor.username} />
      {actor.passwordExpiresInDays != null ? (
        <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
          {t("passwordExpires", { days: actor.passwordExpiresInDays })}{" "}
          <Link href="/account/password" className="font-medium underline">
            {t("changeNow")}
          </Link>
        </div>
      ) : null}
      <PageMain className="ui-page">{children}</PageMain>
    </div>
  );
}
