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
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {labels.skip}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-screen-2xl items-center gap-3 px-4 py-3 md:gap-6">
          <Link href="/" className="text-lg font-bold tracking-tight text-blue-800">
            Rollcall
          </Link>
          <div className="flex-1 md:hidden">{items.length ? <MobileNav items={items} /> : null}</div>
          <MainNav label={labels.mainNav} items={items} />
          <ProfileMenu name={name} username={username} />
        </div>
      </header>
    </>
  );
}
