"use client";

import { NextIntlClientProvider, useLocale, useMessages, useTimeZone } from "next-intl";
import { useMemo, type ReactNode } from "react";
import enErrors from "@/messages/en/client/Errors.json";
import enErrorsPages from "@/messages/en/client/ErrorsPages.json";
import enShellMenus from "@/messages/en/client/ShellMenus.json";
import enUi from "@/messages/en/client/Ui.json";
import esErrors from "@/messages/es/client/Errors.json";
import esErrorsPages from "@/messages/es/client/ErrorsPages.json";
import esShellMenus from "@/messages/es/client/ShellMenus.json";
import esUi from "@/messages/es/client/Ui.json";

type Messages = Record<string, Record<string, unknown>>;

/**
 * The catalogs every page's client components read (BASE_NAMESPACES in i18n/messages.ts: the shared
 * widgets, the shell's menus, the error pages), in both languages, as part of the build's
 * JavaScript: the browser caches them once, where they used to travel with every page view, twice
 * (in the HTML and again in its RSC payload), 2.4 KB a page.
 */
export const BASE_CATALOGS = {
  en: { Ui: enUi, ShellMenus: enShellMenus, Errors: enErrors, ErrorsPages: enErrorsPages },
  es: { Ui: esUi, ShellMenus: esShellMenus, Errors: esErrors, ErrorsPages: esErrorsPages },
} satisfies Record<string, Messages>;

/** The root layout's provider: the page sends its locale only. */
export function BaseMessages({ locale, children }: { locale: keyof typeof BASE_CATALOGS; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={BASE_CATALOGS[locale]} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
}

/** A page's or section's own catalogs on top of those above it (components/shell/client-messages.tsx). */
export function AddMessages({ messages, children }: { messages: Messages; children: ReactNode }) {
  const outer = useMessages();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const merged = useMemo(() => ({ ...outer, ...messages }), [outer, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}

/**
 * A part of a page said in another language than the request's: an invitation's page in the
 * invitee's, whose browser may prefer another. The base catalogs of that language, and `messages`.
 */
export function InLanguage({ locale, messages, children }: { locale: keyof typeof BASE_CATALOGS; messages: Messages; children: ReactNode }) {
  const timeZone = useTimeZone();
  const merged = useMemo(() => ({ ...BASE_CATALOGS[locale], ...messages }), [locale, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged} timeZone={timeZone}>
      <div lang={locale}>{children}</div>
    </NextIntlClientProvider>
  );
}
