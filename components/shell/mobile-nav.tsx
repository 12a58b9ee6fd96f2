"use client";

import { Menu } from "@/components/ui/menu";
import { useTranslations } from "next-intl";

/** Below 768 px the sections collapse into one menu button. */
export function MobileNav({ items }: { items: { href: string; label: string }[] }) {
  const t = useTranslations("ShellMenus");
  return (
    <Menu
      label={t("menu")}
      align="start"
      trigger={
        <>
          <span aria-hidden="true">☰</span> {t("menu")}
        </>
      }
      entries={items.map((item) => ({ label: item.label, href: item.href }))}
    />
  );
}
