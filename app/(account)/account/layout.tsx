import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { NavLink } from "@/components/shell/nav-link";
import { pageContext } from "@/lib/auth";

const TABS = [
  { href: "/account", key: "navProfile", exact: true },
  { href: "/account/password", key: "navPassword", exact: false },
  { href: "/account/sessions", key: "navSessions", exact: false },
  { href: "/account/security", key: "navSecurity", exact: false },
] as const;

/**
 * The account console: every user who can sign in manages their own account here, whether or not
 * they may open the admin console. Each page checks the session again.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext(undefined, { accountPage: true });
  const t = await getTranslations("Account");
  return (
    <>
      <AppShell actor={actor}>
        <div className="mx-auto flex max-w-3xl flex-col gap-4">
          <nav aria-label={t("nav")} className="border-b border-slate-200 pb-2">
            <ul className="flex flex-wrap gap-1">
              {TABS.map((tab) => (
                <li key={tab.href}>
                  <NavLink href={tab.href} exact={tab.exact}>
                    {t(tab.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {children}
        </div>
      </AppShell>
    </>
  );
}
