"use client";

// Before the first paint: the theme chosen in the profile menu, else the system's. Inline so the
// page never flashes the other theme (the CSP allows inline scripts: Next.js needs them too).
const THEME_SCRIPT = `try{var t=localStorage.getItem("rollcall-theme");if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";document.documentElement.classList.toggle("dark",t==="dark")}catch(e){}`;

/**
 * The theme script, in the server-rendered HTML only: it runs once, as the browser parses the page
 * (the root layout never renders again in the browser). A client component so that every page's RSC
 * payload carries a reference to it rather than the script a second time.
 */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} suppressHydrationWarning />;
}
