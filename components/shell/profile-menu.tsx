"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLanguageAction } from "@/app/(account)/account/actions";
import { signOutAction } from "@/app/(admin)/actions";
import { Menu } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { chooseTheme, useTheme } from "./theme-script";

/**
 * The profile menu (Radix DropdownMenu through components/ui/menu): your account, password, the
 * other language (saved as your account's language, named in that language), theme, sign out.
 */
export function ProfileMenu({ name, username }: { name: string; username: string }) {
  const t = useTranslations("ShellMenus");
  const ui = useTranslations("Ui");
  const other = useLocale() === "es" ? "en" : "es";
  const router = useRouter();
  const toast = useToast();
  // The other theme, remembered in this browser; the system decides until then, and again once
  // asked to.
  const theme = useTheme();
  const switchLanguage = async () => {
    // A refusal says why (in the page's language); no answer at all (offline) is the connection's fault.
    const result = await setLanguageAction(other).catch(() => null);
    if (result?.ok) router.refresh();
    else toast(result?.message ?? ui("loadFailed"), "error");
  };
  return (
    <Menu
      label={t("profileMenu", { name, username })}
      trigger={
        <>
          <span>{name}</span>
          <span aria-hidden="true">▾</span>
        </>
      }
      entries={[
        { label: t("account"), href: "/account" },
        { label: t("changePassword"), href: "/account/password" },
        { label: t("switchLanguage"), lang: other, onSelect: () => void switchLanguage() },
        { label: theme.dark ? t("themeLight") : t("themeDark"), onSelect: () => chooseTheme(theme.dark ? "light" : "dark") },
        ...(theme.chosen ? [{ label: t("themeSystem"), onSelect: () => chooseTheme(null) }] : []),
        { label: t("signOut"), onSelect: () => void signOutAction() },
      ]}
    />
  );
}
