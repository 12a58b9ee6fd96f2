"use client";

import { NextIntlClientProvider, useLocale, useMessages, useTimeZone } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

type Catalog = Record<string, unknown>;

/**
 * The client catalogs a page may load when they are first needed rather than send with every view:
 * each is a static chunk of the build, fetched once and cached by the browser.
 */
const CATALOGS = {
  en: {
    UsersActions: () => import("@/messages/en/client/UsersActions.json"),
    UsersBulk: () => import("@/messages/en/client/UsersBulk.json"),
    UsersPicker: () => import("@/messages/en/client/UsersPicker.json"),
  },
  es: {
    UsersActions: () => import("@/messages/es/client/UsersActions.json"),
    UsersBulk: () => import("@/messages/es/client/UsersBulk.json"),
    UsersPicker: () => import("@/messages/es/client/UsersPicker.json"),
  },
} satisfies Record<string, Record<string, () => Promise<{ default: Catalog }>>>;

/** `over` merged onto `under`, key by key at every depth: what `over` has wins. */
function underneath(under: Catalog, over: Catalog): Catalog {
  const merged: Catalog = { ...under };
  for (const [k, v] of Object.entries(over)) {
    const u = merged[k];
    merged[k] = v && u && typeof v === "object" && typeof u === "object" ? underneath(u as Catalog, v as Catalog) : v;
  }
  return merged;
}

export type LazyNamespace = keyof (typeof CATALOGS)["en"];

interface Lazy {
  /** Whether the whole of the lazy catalogs is here. */
  ready: boolean;
  /** Fetches them (once); resolves when they are in the messages of everything below. */
  load: () => Promise<void>;
}

// Outside a LazyMessages, every catalog already came with the page.
const LazyContext = createContext<Lazy>({ ready: true, load: () => Promise.resolve() });

/** What a component behind a click needs: call `load` before (or as) it is reached for. */
export const useLazyMessages = () => useContext(LazyContext);

/**
 * Below it, `namespaces` arrive with the page only as far as its first render reads them (the
 * server picks those keys: i18n/messages.ts); the rest is fetched by `load`, which a menu calls
 * when it is pointed at or focused and a selection when it starts. The /users list sends 3.6 KB
 * less per view this way (docs/performance.md).
 */
export function LazyMessages({ namespaces, children }: { namespaces: LazyNamespace[]; children: ReactNode }) {
  const locale = useLocale() as keyof typeof CATALOGS;
  const outer = useMessages();
  const timeZone = useTimeZone();
  // Fetched for one language. After a switch (the profile menu's: a refresh in place) they are stale:
  // the page's own messages, now in the new language, win, and the old catalogs only fill what has
  // not come yet (a menu already open), for the moment the new language's take to arrive.
  const [fetched, setFetched] = useState<{ locale: string; catalogs: Record<string, Catalog> } | null>(null);
  const stale = fetched !== null && fetched.locale !== locale;
  const pending = useRef<{ locale: string; promise: Promise<void> } | null>(null);
  const key = namespaces.join();
  const load = useCallback(() => {
    if (pending.current?.locale !== locale) {
      const promise = Promise.all(key.split(",").map((ns) => CATALOGS[locale][ns as LazyNamespace]().then((m) => [ns, m.default] as const)))
        .then((entries) => setFetched({ locale, catalogs: Object.fromEntries(entries) }))
        .catch((error: unknown) => {
          pending.current = null; // the next reach tries again
          throw error;
        });
      pending.current = { locale, promise };
    }
    return pending.current.promise;
  }, [locale, key]);
  // Once fetched, a menu opens without asking again: after a switch, the new language's come at once.
  useEffect(() => {
    if (stale) load().catch(() => {});
  }, [stale, load]);
  const value = useMemo(() => ({ ready: fetched !== null && !stale, load }), [fetched, stale, load]);
  const messages = useMemo(
    () => (fetched ? (stale ? underneath(fetched.catalogs, outer) : { ...outer, ...fetched.catalogs }) : outer),
    [outer, fetched, stale],
  );
  // Always the same provider, so what is below keeps its state when the catalogs arrive.
  return (
    <LazyContext.Provider value={value}>
      <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
        {children}
      </NextIntlClientProvider>
    </LazyContext.Provider>
  );
}
