"use client";

import { useLayoutEffect, useSyncExternalStore } from "react";

/** The theme chosen in the profile menu, else the system's, on <html>. Self-contained: it is also sent as the inline script's source. */
function applyStoredTheme() {
  try {
    let theme = localStorage.getItem("rollcall-theme");
    if (theme !== "light" && theme !== "dark") theme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    document.documentElement.classList.toggle("dark", theme === "dark");
  } catch {}
}

// Before the first paint, so the page never flashes the other theme (the CSP allows inline scripts:
// Next.js needs them too).
const THEME_SCRIPT = `(${applyStoredTheme.toString()})()`;

/**
 * The theme script, in the server-rendered HTML: it runs once, as the browser parses the page. A
 * client component so that every page's RSC payload carries a reference to it rather than the script
 * a second time. Where the browser draws the document itself (Next.js's error document, which a
 * page's notFound() answers with), no inline script runs: the effect applies the theme then.
 */
export function ThemeScript() {
  useLayoutEffect(applyStoredTheme, []);
  // The script only where the server renders it (and hydration keeps it): one the browser renders
  // would never run, and React says so.
  const fromServer = useSyncExternalStore(
    noChange,
    () => false,
    () => true,
  );
  return fromServer ? <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} suppressHydrationWarning /> : null;
}

const noChange = () => () => {};
