import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("Settings");
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("nav")} className="border-b border-slate-200 pb-2">
        <ul className="flex flex-wrap gap-1">
          <li>
            <NavLink href="/settings/general">{t("navGeneral")}</NavLink>
          </li>
          <li>
            <NavLink href="/settings/security">{t("navSecurity")}</NavLink>
          </li>
          <li>
            <NavLink href="/settings/email">{t("navEmail")}</NavLink>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}
