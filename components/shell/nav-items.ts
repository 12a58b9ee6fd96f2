import { can, type Actor } from "@/lib/context";
import type { Permission } from "@/lib/permissions/catalog";

export interface NavItem {
  href: string;
  /** Key in the Shell catalog's `nav`. */
  key: "users" | "roles" | "branches" | "teams" | "audit" | "reports" | "settings";
  permission: Permission;
}

/** Sections of the console, in order. Each issue adds its section here when it lands. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/users", key: "users", permission: "users.view" },
  { href: "/roles", key: "roles", permission: "roles.manage" },
  { href: "/branches", key: "branches", permission: "branches.manage" },
  { href: "/teams", key: "teams", permission: "branches.manage" },
  { href: "/audit", key: "audit", permission: "audit.view" },
  { href: "/reports", key: "reports", permission: "audit.view" },
  { href: "/settings/general", key: "settings", permission: "roles.manage" },
];

export function navFor(actor: Actor): NavItem[] {
  const items = NAV_ITEMS.filter((item) => can(actor, item.permission));
  // Someone who manages API keys but not the rest of the settings still finds their one tab.
  if (!can(actor, "roles.manage") && can(actor, "api.admin")) items.push({ href: "/settings/api-keys", key: "settings", permission: "api.admin" });
  return items;
}
