"use client";

import { useTranslations } from "next-intl";
import { signOutAction } from "@/app/(admin)/actions";
import { Menu } from "@/components/ui/menu";

/** Switches between light and dark, remembered in this browser; the system decides until then. */
function toggleTheme() {
  const dark = !document.documentElement.classList.contains("dark");
  document.documentElement.classList.toggle("dark", dark);
  try {
    localStorage.setItem("rollcall-theme", dark ? "dark" : "light");
  } catch {}
}

/** The profile menu (Radix DropdownMenu through components/ui/menu): your account, password, theme, sign out. */
export function ProfileMenu({ name, username }: { name: string; username: string }) {
  const t = useTranslations("ShellMenus");
  return (
    <Menu
      label={t("profileMenu", { name, username })}
      triggerClassName="max-w-48 truncate px-3 py-2 text-sm font-medium"
      trigger={
        <>
          {name} <span aria-hidden="true">▾</span>
        </>
      }
      entries={[
        { label: t("account"), href: "/account" },
        { label: t("changePassword"), href: "/account/password" },
        { label: t("theme"), onSelect: toggleTheme },
        { label: t("signOut"), onSelect: () => void signOutAction() },
      ]}
    />
  );
}
