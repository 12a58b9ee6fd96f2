import type { ReactNode } from "react";
import { PageMain } from "./page-main";

/** The frame of the pages outside the console: sign-in, setup, invitations, passwords. */
export function CenteredCard({ children }: { children: ReactNode }) {
  return (
    <PageMain className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="mb-6 text-center text-lg font-bold tracking-tight text-blue-800">Rollcall</p>
        {children}
      </div>
    </PageMain>
  );
}
