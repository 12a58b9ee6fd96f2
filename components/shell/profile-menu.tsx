"use client";

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

/** The profile menu (Radix DropdownMenu through components/ui/menu): profile, password, theme, sign out. */
export function ProfileMenu({ name, username }: { name: string; username: string }) {
  return (
    <Menu
      label={`${name} (${username}): profile menu`}
      triggerClassName="max-w-48 truncate px-3 py-2 text-sm font-medium"
      trigger={
        <>
          {name} <span aria-hidden="true">▾</span>
        </>
      }
      entries={[
        { label: "Profile", href: "/profile" },
        { label: "Change password", href: "/password/change" },
        { label: "Switch light / dark theme", onSelect: toggleTheme },
        { label: "Sign out", onSelect: () => void signOutAction() },
      ]}
    />
  );
}
