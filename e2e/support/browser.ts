import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
/** Every catalog's name: a message missing from what a page sends shows up as "Namespace.key". */
const NAMESPACES = ["client", "server"].flatMap((side) =>
  readdirSync(path.join(process.cwd(), "messages/en", side))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5)),
);
const RAW_KEY = new RegExp(`(?:^|[\\s>"'(])(?:${NAMESPACES.join("|")})\\.[a-z][A-Za-z0-9]*`, "m");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  return context;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // After a client-side navigation the title arrives with the streamed metadata: let it land.
  await page.waitForFunction(() => document.title.length > 0, undefined, { timeout: 5_000 }).catch(() => {});
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  // Every text the page shows or names a control with came from a catalog it sent: no raw keys.
  const markup = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll("script, style").forEach((el) => el.remove());
    return body.innerHTML;
  });
  expect(markup.match(RAW_KEY)?.[0]?.trim() ?? null, `a message key instead of its text on ${label}`).toBeNull();
  // No page scrolls sideways, at any size the suite uses (a wide table scrolls inside its own box).
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `horizontal scroll on ${label}`).toBeLessThanOrEqual(widths.inner);
  expect(
    blocking.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe-core on ${label}`,
  ).toEqual([]);
}
