"use client";

import Link from "next/link";
import { MobileNav } from "./mobile-nav";
import { MainNav } from "./nav-link";
import { ProfileMenu } from "./profile-menu";

/**
 * The skip link and the console's top bar. A client component for the page's weight only: every
 * page's RSC payload carries these few props instead of the bar's markup, which the HTML already has
 * (docs/performance.md).
 */
export function ShellHeader({
  labels,
  items,
  name,
  username,
}: {
  labels: { skip: string; mainNav: string };
  items: { href: string; label: string }[];
  name: string;
  username: string;
}) {
  return (
    <>
      {/* Classes said once in app/globals.css: every page's HTML carries the bar. */}
      <a href="#main" className="ui-skip-link">
        {labels.skip}
      </a>
      <header className="ui-topbar">
        <div>
          <Link href="/">Rollcall</Link>
          <div>{items.length ? <MobileNav items={items} /> : null}</div>
          <MainNav label={labels.mainNav} items={items} />
          <ProfileMenu name={name} username={username} />
        </div>
      </header>
    </>
  );
}
