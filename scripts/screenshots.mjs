// Screenshots of the users list for the README: desktop, phone, dark, Spanish.
// Run against a running app: BASE_URL=http://localhost:3000 USERNAME=ada PASSWORD=… node scripts/screenshots.mjs
import { chromium } from "playwright-core";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

async function signedIn(options) {
  const context = await browser.newContext({ baseURL: base, ...options });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#field-identifier").fill(process.env.USERNAME);
  await page.locator("#field-password").fill(process.env.PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/users");
  return page;
}

async function shot(page, file) {
  await page.goto("/users?sort=lastActivityAt&dir=desc");
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `docs/screenshots/${file}` });
}

await shot(await signedIn({ viewport: { width: 1440, height: 900 } }), "users-desktop.png");
await shot(await signedIn({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }), "users-phone.png");
await shot(await signedIn({ viewport: { width: 1440, height: 900 }, colorScheme: "dark" }), "users-dark.png");
const es = await signedIn({ viewport: { width: 1440, height: 900 } });
await es.goto("/account");
await es.waitForLoadState("networkidle");
await es.locator("select[name=language]").selectOption("es");
await es.locator("select[name=language]").locator("xpath=ancestor::form").locator("button[type=submit]").click();
await es.waitForFunction(() => document.documentElement.lang === "es", undefined, { timeout: 15_000 });
await shot(es, "users-es.png");
await es.goto("/account");
await es.waitForLoadState("networkidle");
await es.locator("select[name=language]").selectOption("en");
await es.locator("select[name=language]").locator("xpath=ancestor::form").locator("button[type=submit]").click();
await browser.close();
