import type { Metadata, Viewport } from "next";
import { BaseMessages } from "@/components/shell/base-messages";
import { ThemeScript } from "@/components/shell/theme-script";
import { NoticeToast } from "@/components/ui/notice-toast";
import { ToastProvider } from "@/components/ui/toast";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/format";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Layout");
  return { title: { default: "Rollcall", template: "%s · Rollcall" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="min-h-screen">
        {/* The catalogs every page's client components read come with the build's JavaScript; each page
            adds its own (components/shell/client-messages.tsx). Server pages translate on the server. */}
        <BaseMessages locale={locale}>
          {/* Here, not in a section's layout: a toast outlives the navigation that follows it ("User deleted." on the list). */}
          <ToastProvider>
            {children}
            <NoticeToast />
          </ToastProvider>
        </BaseMessages>
      </body>
    </html>
  );
}
