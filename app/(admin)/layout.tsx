import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { pageContext } from "@/lib/auth";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext();
  return (
    <>
      <AppShell actor={actor}>{children}</AppShell>
    </>
  );
}
