"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * A link in a navigation bar, marked as the current page on its path and below it (or on its path
 * alone, `exact`; or anywhere in its first segment's section, `section`: Settings is current on every
 * settings tab, whichever one it opens).
 */
export function NavLink({ href, children, exact = false, section = false }: { href: string; children: ReactNode; exact?: boolean; section?: boolean }) {
  const pathname = usePathname();
  const base = section ? `/${href.split("/")[1]}` : href;
  const active = pathname === base || (!exact && pathname.startsWith(`${base}/`));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className="ui-nav-link" // app/globals.css; aria-current marks the current page
    >
      {children}
    </Link>
  );
}

/** The console's navigation bar from md up (below md, MobileNav shows the same items as a menu). */
export function MainNav({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="ui-main-nav">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <NavLink href={item.href} section>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
