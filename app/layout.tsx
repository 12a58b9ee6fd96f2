import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rollcall", template: "%s · Rollcall" },
  description: "User and access management",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Before the first paint: the theme chosen in the profile menu, else the system's. Inline so the
// page never flashes the other theme (the CSP allows inline scripts: Next.js needs them too).
const THEME_SCRIPT = `try{var t=localStorage.getItem("rollcall-theme");if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";document.documentElement.classList.toggle("dark",t==="dark")}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
