import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";
import { pageContext } from "@/lib/auth";
import { can } from "@/lib/context";
import type { Permission } from "@/lib/permissions/catalog";

const TABS: { href: string; key: "navGeneral" | "navSecurity" | "navEmail" | "navApiKeys"; permission: Permission }[] = [
  { href: "/settings/general", key: "navGeneral", permission: "roles.manage" },
  { href: "/settings/security", key: "navSecurity", permission: "roles.manage" },
  { href: "/settings/email", key: "navEmail", permission: "roles.manage" },
  { href: "/settings/api-keys", key: "navApiKeys", permission: "api.admin" },
];

/** The settings tabs the actor may open (each page checks its own permission again). */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext();
  const t = await getTranslations("Settings");
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("nav")} className="border-b border-slate-200 pb-2">
        <ul className="flex flex-wrap gap-1">
          {TABS.filter((tab) => can(actor, tab.permission)).map((tab) => (
            <li key={tab.href}>
              <NavLink href={tab.href}>{t(tab.key)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
