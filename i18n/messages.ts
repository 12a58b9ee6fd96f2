import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Locale } from "@/lib/format";

/**
 * Message catalogs: messages/<locale>/client/<Namespace>.json are used by client components and
 * sent to the browser; messages/<locale>/server/<Namespace>.json stay on the server. A namespace is
 * the file's name; keys are unique across both folders.
 */
export type Messages = Record<string, Record<string, unknown>>;

const ROOT = path.join(process.cwd(), "messages");
const loaded = new Map<string, Promise<Messages>>();

async function folder(locale: Locale, side: "client" | "server"): Promise<Messages> {
  const dir = path.join(ROOT, locale, side);
  const out: Messages = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".json")).sort()) {
    out[file.slice(0, -5)] = JSON.parse(await readFile(path.join(dir, file), "utf8"));
  }
  return out;
}

function cached(key: string, load: () => Promise<Messages>): Promise<Messages> {
  let p = loaded.get(key);
  if (!p || process.env.NODE_ENV === "development") {
    p = load();
    loaded.set(key, p);
  }
  return p;
}

export function clientMessages(locale: Locale): Promise<Messages> {
  return cached(`${locale}:client`, () => folder(locale, "client"));
}

/**
 * What every page's client components need: the shell's menus, the shared widgets, the error pages.
 * The browser gets them with the build's JavaScript (components/shell/base-messages.tsx), not with
 * each page.
 */
export const BASE_NAMESPACES = ["Ui", "ShellMenus", "Errors", "ErrorsPages"];

/**
 * Some client namespaces only: what a lean page ships to the browser. "Namespace.key" picks one
 * key of a namespace (the rest of it loaded on demand: components/shell/lazy-messages.tsx).
 */
export async function pickClientMessages(locale: Locale, namespaces: string[]): Promise<Messages> {
  const all = await clientMessages(locale);
  const out: Messages = {};
  for (const name of namespaces) {
    const [ns, key] = name.split(".", 2);
    if (!(ns in all)) continue;
    if (!key) out[ns] = all[ns];
    else if (key in all[ns]) out[ns] = { ...out[ns], [key]: all[ns][key] };
  }
  return out;
}

export async function allMessages(locale: Locale): Promise<Messages> {
  const [client, server] = await Promise.all([clientMessages(locale), cached(`${locale}:server`, () => folder(locale, "server"))]);
  return { ...client, ...server };
}
