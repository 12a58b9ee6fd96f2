import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { ClientMessages } from "@/components/shell/client-messages";
import { pageContext } from "@/lib/auth";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext();
  return (
    <ClientMessages>
      <AppShell actor={actor}>{children}</AppShell>
    </ClientMessages>
  );
}
