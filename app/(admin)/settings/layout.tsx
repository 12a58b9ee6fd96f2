import Link from "next/link";
import type { ReactNode } from "react";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Settings" className="flex gap-4 border-b border-slate-200 pb-2 text-sm">
        <Link href="/settings/security" className="text-blue-800 underline">
          Security
        </Link>
        <Link href="/settings/email" className="text-blue-800 underline">
          E-mail delivery
        </Link>
      </nav>
      {children}
    </div>
  );
}
