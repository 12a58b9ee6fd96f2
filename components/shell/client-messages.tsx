import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { BASE_NAMESPACES, clientMessages, pickClientMessages } from "@/i18n/messages";
import type { Locale } from "@/lib/format";

/**
 * The client catalogs a part of the app needs, on top of the root layout's few. Every catalog a
 * page sends travels twice (in the HTML and in its RSC payload), so a page that lists 25 users sends
 * only what its own client components read; the other sections send them all.
 */
export async function ClientMessages({ namespaces = "all", children }: { namespaces?: string[] | "all"; children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  const messages = namespaces === "all" ? await clientMessages(locale) : await pickClientMessages(locale, [...BASE_NAMESPACES, ...namespaces]);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
}
