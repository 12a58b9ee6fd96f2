"use client";

import { Menu } from "@/components/ui/menu";
import type { NavItem } from "./nav-items";

/** Below 768 px the sections collapse into one menu button. */
export function MobileNav({ items }: { items: Pick<NavItem, "href" | "label">[] }) {
  return (
    <Menu
      label="Sections"
      align="start"
      triggerClassName="px-3 py-2 text-sm font-medium"
      trigger={
        <>
          <span aria-hidden="true">☰</span> Menu
        </>
      }
      entries={items.map((item) => ({ label: item.label, href: item.href }))}
    />
  );
}
