import { can, type Actor } from "@/lib/context";
import type { Permission } from "@/lib/permissions/catalog";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** Sections of the console, in order. Each issue adds its section here when it lands. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/users", label: "Users", permission: "users.view" },
  { href: "/roles", label: "Roles", permission: "roles.manage" },
  { href: "/branches", label: "Branches", permission: "branches.manage" },
  { href: "/teams", label: "Teams", permission: "branches.manage" },
  { href: "/audit", label: "Audit", permission: "audit.view" },
  { href: "/settings/security", label: "Settings", permission: "roles.manage" },
];

export function navFor(actor: Actor): NavItem[] {
  return NAV_ITEMS.filter((item) => can(actor, item.permission));
}
