import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";

/**
 * Every page sends the browser only the client catalogs its own components read (a page's weight is
 * a goal: docs/performance.md): the root layout provides BASE_NAMESPACES (in the build's JavaScript:
 * components/shell/base-messages.tsx), and a page or layout whose
 * client components need more wraps them in <ClientMessages namespaces={[…]}>. This test follows
 * each page's and layout's imports (type-only ones aside) and fails when a `useTranslations("X")`
 * it can reach reads a client namespace the page does not send: the browser would show raw keys.
 * It over-approximates (a server component's useTranslations counts too), never the other way.
 */

const ROOT = process.cwd();
const APP = path.join(ROOT, "app");
const CLIENT_NAMESPACES = new Set(
  readdirSync(path.join(ROOT, "messages/en/client"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5)),
);
/** The busiest page has its own arrangement (lazy catalogs), checked by tests/lazy-messages.test.tsx. */
const OWN_ARRANGEMENT = [path.join(APP, "(lists)")];
const ENTRY = /^(page|layout|error|global-error|not-found|forbidden|unauthorized|loading|template)\.tsx$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  return null;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?["']([^"']+)["']/gm;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;
const USES = /useTranslations\(\s*["']([A-Za-z]+)/g;

const sourceOf = (file: string) => readFileSync(file, "utf8");

/** The client namespaces a module's code can read, following its imports (memoised per module). */
const reach = new Map<string, Set<string>>();
function needs(file: string, seen = new Set<string>()): Set<string> {
  const known = reach.get(file);
  if (known) return known;
  if (seen.has(file)) return new Set();
  seen.add(file);
  const source = sourceOf(file);
  const out = new Set<string>();
  for (const [, ns] of source.matchAll(USES)) if (CLIENT_NAMESPACES.has(ns)) out.add(ns);
  const specs = [...source.matchAll(IMPORT)].filter(([, , typeOnly]) => !typeOnly).map(([, , , spec]) => spec);
  for (const [, spec] of source.matchAll(DYNAMIC)) specs.push(spec);
  for (const spec of specs) {
    const target = resolve(file, spec);
    if (target) for (const ns of needs(target, seen)) out.add(ns);
  }
  reach.set(file, out);
  return out;
}

/** What a page or layout declares with <ClientMessages> or withClientMessages: null when nothing, "all" without a list. */
function declared(file: string): Set<string> | "all" | null {
  const found = [...sourceOf(file).matchAll(/<ClientMessages(\s+namespaces=\{\[([^\]]*)\]\})?|withClientMessages\((\[)([^\]]*)\]/g)].map(
    ([, attr, list, hoc, hocList]) => [attr ?? hoc, list ?? hocList] as const,
  );
  if (found.length === 0) return null;
  if (found.some(([attr]) => !attr)) return "all";
  return new Set(found.flatMap(([, list]) => [...list.matchAll(/["']([A-Za-z]+)["']/g)].map(([, ns]) => ns)));
}

/** The catalogs in effect for a file's own components: its own <ClientMessages>, else the nearest layout's, else the root's. */
function inEffect(file: string): Set<string> | "all" {
  const own = declared(file);
  if (own) return own === "all" ? "all" : new Set([...BASE_NAMESPACES, ...own]);
  for (let dir = path.dirname(file); dir.startsWith(APP); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (layout === file || !existsSync(layout)) continue;
    const theirs = declared(layout);
    if (theirs) return theirs === "all" ? "all" : new Set([...BASE_NAMESPACES, ...theirs]);
  }
  return new Set(BASE_NAMESPACES);
}

const entries = files(APP)
  .filter((f) => ENTRY.test(path.basename(f)))
  .filter((f) => !OWN_ARRANGEMENT.some((dir) => f.startsWith(dir)));

describe("client catalogs a page sends", () => {
  it("finds the pages and the namespaces their components read", () => {
    expect(entries.length).toBeGreaterThan(30);
    // The analysis itself works: the user form reads UsersForm, the account page AccountForms.
    expect(needs(path.join(APP, "(admin)/users/new/page.tsx")).has("UsersForm")).toBe(true);
    expect(needs(path.join(APP, "(account)/account/page.tsx")).has("AccountForms")).toBe(true);
  });

  it.each(entries.map((f) => [path.relative(ROOT, f), f]))("%s sends every client catalog it reads", (_name, file) => {
    const sent = inEffect(file);
    if (sent === "all") return;
    const missing = [...needs(file)].filter((ns) => !sent.has(ns));
    expect(missing.join(" "), "add them to the page's withClientMessages([…], Page)").toBe("");
  });

  it("no page sends every catalog", () => {
    const everything = entries.filter((f) => inEffect(f) === "all").map((f) => path.relative(ROOT, f));
    expect(everything).toEqual([]);
  });
});

describe("the catalogs every page reads", () => {
  it("come with the build's JavaScript (components/shell/base-messages.tsx), exactly BASE_NAMESPACES, as the files say them", async () => {
    const { BASE_CATALOGS } = await import("@/components/shell/base-messages");
    for (const locale of ["en", "es"] as const) {
      expect(Object.keys(BASE_CATALOGS[locale]).sort()).toEqual([...BASE_NAMESPACES].sort());
      expect(BASE_CATALOGS[locale]).toEqual(await pickClientMessages(locale, BASE_NAMESPACES));
    }
  });
});
