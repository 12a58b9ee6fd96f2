import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { ToastProvider } from "@/components/ui/toast";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";
import type { Locale } from "@/lib/format";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Layout");
  return { title: { default: "Rollcall", template: "%s · Rollcall" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Before the first paint: the theme chosen in the profile menu, else the system's. Inline so the
// page never flashes the other theme (the CSP allows inline scripts: Next.js needs them too).
const THEME_SCRIPT = `try{var t=localStorage.getItem("rollcall-theme");if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";document.documentElement.classList.toggle("dark",t==="dark")}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  // Only the client components' catalogs travel to the browser, and here only the ones every page
  // needs; each section adds its own (components/shell/client-messages.tsx). Server pages translate
  // on the server.
  const messages = await pickClientMessages(locale, BASE_NAMESPACES);
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
          {/* Here, not in a section's layout: a toast outlives the navigation that follows it ("User deleted." on the list). */}
          <ToastProvider>{children}</ToastProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
