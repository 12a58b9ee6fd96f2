import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { clientMessages, pickClientMessages } from "@/i18n/messages";
import { AddMessages } from "./base-messages";
import type { Locale } from "@/lib/format";

/**
 * The client catalogs a part of the app needs, on top of those above it: the root layout's few
 * (BASE_NAMESPACES, part of the build's JavaScript: components/shell/base-messages.tsx) and, inside a
 * section that sends some, the section's.
 * Every catalog a page sends travels twice (in the HTML and in its RSC payload), so each page sends
 * only what its own client components read: tests/page-namespaces.test.ts follows every page's
 * imports and fails when one reads a namespace its page does not send.
 */
export async function ClientMessages({ namespaces = "all", children }: { namespaces?: string[] | "all"; children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  const messages = namespaces === "all" ? await clientMessages(locale) : await pickClientMessages(locale, namespaces);
  return <AddMessages messages={messages}>{children}</AddMessages>;
}

/** A page whose client components read `namespaces` besides the root's: `export default withClientMessages([…], Page)`. */
export function withClientMessages<P extends object>(namespaces: string[], Page: (props: P) => Promise<ReactNode> | ReactNode) {
  return function PageWithMessages(props: P) {
    return (
      <ClientMessages namespaces={namespaces}>
        <Page {...props} />
      </ClientMessages>
    );
  };
}
