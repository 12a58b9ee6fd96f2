import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { ClientMessages } from "@/components/shell/client-messages";
import { LazyMessages } from "@/components/shell/lazy-messages";
import { LIST_LAZY, LIST_SENT } from "@/components/users/list-catalogs";
import { pageContext } from "@/lib/auth";

/**
 * The console's busiest page, /users, in a group of its own: the same shell as (admin), but only
 * the client catalogs its list needs travel with it (the page's weight is a goal: docs/performance.md).
 * Of the row menus' and bulk actions' catalogs, only what the list's first render reads comes with
 * the page (the rows' ⋮ and checkbox labels); the menus, the toolbar and the dialogs fetch the rest
 * when first reached for.
 */
export default async function ListsLayout({ children }: { children: ReactNode }) {
  const { actor } = await pageContext();
  return (
    <ClientMessages namespaces={LIST_SENT}>
      <AppShell actor={actor}>
        <LazyMessages namespaces={LIST_LAZY}>{children}</LazyMessages>
      </AppShell>
    </ClientMessages>
  );
}
