import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { ClientMessages } from "@/components/shell/client-messages";
import { pageContext } from "@/lib/auth";

/**
 * The console's busiest page, /users, in a group of its own: the same shell as (admin), but only
 * the client catalogs its list needs travel with it (the page's weight is a goal: docs/performance.md).
 */
export default async function ListsLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext();
  return (
    <ClientMessages namespaces={["UsersActions", "UsersBulk", "UsersPicker", "UsersStatus"]}>
      <AppShell actor={actor}>{children}</AppShell>
    </ClientMessages>
  );
}
