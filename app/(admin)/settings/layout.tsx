import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Settings" className="border-b border-slate-200 pb-2">
        <ul className="flex flex-wrap gap-1">
          <li>
            <NavLink href="/settings/security">Security</NavLink>
          </li>
          <li>
            <NavLink href="/settings/email">E-mail delivery</NavLink>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}
